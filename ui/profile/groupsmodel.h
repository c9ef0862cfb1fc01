#pragma once

#include "store/serverprofile.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

// The groups of the profile being edited: id and label, both editable in place. Ids are trimmed; adding an id
// that is already listed does nothing (pasted lists often repeat).
class GroupsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { IdColumn, LabelColumn, ColumnCount };

    explicit GroupsModel(QObject *parent = nullptr);

    void setGroups(const QList<ProfileGroup> &groups);
    const QList<ProfileGroup> &groups() const { return m_groups; }

    // Appends the groups whose ids are not listed yet; returns how many were added.
    int addGroups(const QList<ProfileGroup> &groups);
    // Splits pasted text on commas, semicolons and white space; returns how many new ids were added.
    int addIds(const QString &text);
    static QStringList splitIds(const QString &text);
    bool contains(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

private:
    QList<ProfileGroup> m_groups;
};
