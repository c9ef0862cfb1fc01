#include "profile/secretvaluedelegate.h"

#include <QLineEdit>

SecretValueDelegate::SecretValueDelegate(int secretColumn, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_secretColumn(secretColumn)
{
}

bool SecretValueDelegate::isSecret(const QModelIndex &index) const
{
    return index.siblingAtColumn(m_secretColumn).data(Qt::CheckStateRole).toInt() == Qt::Checked;
}

QWidget *SecretValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto *edit = qobject_cast<QLineEdit *>(editor); edit && isSecret(index)) {
        edit->setEchoMode(QLineEdit::Password);
    }
    return editor;
}

void SecretValueDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (isSecret(index) && !option->text.isEmpty()) {
        option->text = QString(option->text.size(), QChar(0x2022)); // •
    }
}
