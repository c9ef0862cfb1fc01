#pragma once

#include <QStyledItemDelegate>

// The value column of the vendor-headers table: a value whose row is marked secret is shown as bullets and
// edited in a masked line edit, like every other secret field of the profile editor.
class SecretValueDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    // `secretColumn`: the column whose check state marks the row secret.
    SecretValueDelegate(int secretColumn, QObject *parent = nullptr);

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    bool isSecret(const QModelIndex &index) const;

    int m_secretColumn;
};
