#include "profile/groupsmodel.h"

#include <QRegularExpression>

GroupsModel::GroupsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void GroupsModel::setGroups(const QList<ProfileGroup> &groups)
{
    beginResetModel();
    m_groups.clear();
    for (const ProfileGroup &g : groups) {
        if (!g.id.trimmed().isEmpty() && !contains(g.id.trimmed())) {
            m_groups.append({g.id.trimmed(), g.label});
        }
    }
    endResetModel();
}

bool GroupsModel::contains(const QString &id) const
{
    return std::any_of(m_groups.cbegin(), m_groups.cend(), [&](const ProfileGroup &g) { return g.id == id; });
}

int GroupsModel::addGroups(const QList<ProfileGroup> &groups)
{
    QList<ProfileGroup> fresh;
    for (const ProfileGroup &g : groups) {
        const QString id = g.id.trimmed();
        const bool listed = contains(id) || std::any_of(fresh.cbegin(), fresh.cend(),
                                                        [&](const ProfileGroup &f) { return f.id == id; });
        if (!id.isEmpty() && !listed) {
            fresh.append({id, g.label});
        }
    }
    if (fresh.isEmpty()) {
        return 0;
    }
    beginInsertRows({}, int(m_groups.size()), int(m_groups.size() + fresh.size() - 1));
    m_groups.append(fresh);
    endInsertRows();
    return int(fresh.size());
}

QStringList GroupsModel::splitIds(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

int GroupsModel::addIds(const QString &text)
{
    QList<ProfileGroup> groups;
    for (const QString &id : splitIds(text)) {
        groups.append({id, QString()});
    }
    return addGroups(groups);
}

int GroupsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int GroupsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GroupsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole) {
        return {};
    }
    const ProfileGroup &g = m_groups.at(index.row());
    return index.column() == IdColumn ? g.id : g.label;
}

QVariant GroupsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case IdColumn:
        return tr("Group id");
    case LabelColumn:
        return tr("Label");
    default:
        return {};
    }
}

Qt::ItemFlags GroupsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    return QAbstractTableModel::flags(index) | Qt::ItemIsEditable;
}

bool GroupsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return false;
    }
    ProfileGroup &g = m_groups[index.row()];
    const QString text = value.toString().trimmed();
    if (index.column() == IdColumn) {
        if (text.isEmpty() || (text != g.id && contains(text))) {
            return false; // an id must be present and unique
        }
        g.id = text;
    } else {
        g.label = text;
    }
    emit dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    return true;
}

bool GroupsModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_groups.size()) {
        return false;
    }
    beginRemoveRows({}, row, row + count - 1);
    m_groups.remove(row, count);
    endRemoveRows();
    return true;
}
