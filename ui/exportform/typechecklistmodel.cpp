#include "exportform/typechecklistmodel.h"

TypeChecklistModel::TypeChecklistModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void TypeChecklistModel::setTypes(const QStringList &types)
{
    beginResetModel();
    m_types = types;
    for (const QString &t : std::as_const(m_checked)) {
        if (!m_types.contains(t)) {
            m_types.append(t);
        }
    }
    endResetModel();
}

QStringList TypeChecklistModel::checked() const
{
    QStringList list;
    for (const QString &t : m_types) {
        if (m_checked.contains(t)) {
            list << t;
        }
    }
    return list;
}

void TypeChecklistModel::setChecked(const QStringList &types)
{
    const QSet<QString> wanted(types.cbegin(), types.cend());
    if (wanted == m_checked) {
        return;
    }
    QStringList missing;
    for (const QString &t : types) {
        if (!m_types.contains(t) && !missing.contains(t)) {
            missing << t;
        }
    }
    if (!missing.isEmpty()) {
        beginInsertRows({}, int(m_types.size()), int(m_types.size() + missing.size() - 1));
        m_types += missing;
        endInsertRows();
    }
    m_checked = wanted;
    if (!m_types.isEmpty()) {
        emit dataChanged(index(0), index(int(m_types.size()) - 1), {Qt::CheckStateRole});
    }
    emit checkedChanged();
}

int TypeChecklistModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_types.size());
}

QVariant TypeChecklistModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const QString &type = m_types.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return type;
    case Qt::CheckStateRole:
        return m_checked.contains(type) ? Qt::Checked : Qt::Unchecked;
    default:
        return {};
    }
}

Qt::ItemFlags TypeChecklistModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemNeverHasChildren;
}

bool TypeChecklistModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    const QString &type = m_types.at(index.row());
    if (value.toInt() == Qt::Checked) {
        m_checked.insert(type);
    } else {
        m_checked.remove(type);
    }
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit checkedChanged();
    return true;
}
