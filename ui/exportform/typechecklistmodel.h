#pragma once

#include <QAbstractListModel>
#include <QSet>
#include <QStringList>

// The _type choices of the export form: one checkable row per resource type. Checked types that are not
// offered (a profile's default from another preset) stay listed, so nothing the user chose silently vanishes.
class TypeChecklistModel : public QAbstractListModel
{
    Q_OBJECT

public:
    explicit TypeChecklistModel(QObject *parent = nullptr);

    void setTypes(const QStringList &types);
    QStringList types() const { return m_types; }
    // The checked types, in list order.
    QStringList checked() const;
    // Checks exactly these (those not in the list are added).
    void setChecked(const QStringList &types);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

signals:
    void checkedChanged();

private:
    QStringList m_types;
    QSet<QString> m_checked;
};
