#include "servers/serversmodel.h"

#include "store/profilestore.h"

// internalId 0 marks a profile row; a group row stores its profile's row + 1.

ServersModel::ServersModel(ProfileStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_profiles(store->profiles())
{
    connect(store, &ProfileStore::changed, this, &ServersModel::reload);
}

void ServersModel::reload()
{
    beginResetModel();
    m_profiles = m_store->profiles();
    endResetModel();
}

QModelIndex ServersModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) {
        return {};
    }
    if (!parent.isValid()) {
        return createIndex(row, column, quintptr(0));
    }
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ServersModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0) {
        return {};
    }
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ServersModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) {
        return int(m_profiles.size());
    }
    if (parent.column() != 0 || parent.internalId() != 0) {
        return 0;
    }
    return int(m_profiles.at(parent.row()).groups.size());
}

int ServersModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ServersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const bool isGroup = index.internalId() != 0;
    const ServerProfile &p = m_profiles.at(isGroup ? int(index.internalId() - 1) : index.row());
    if (isGroup) {
        const ProfileGroup &g = p.groups.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return g.label.isEmpty() ? g.id : tr("%1 (%2)").arg(g.label, g.id);
        case Qt::ToolTipRole:
            return tr("Group %1 on %2").arg(g.id, p.displayName);
        case KindRole:
            return int(Kind::Group);
        case ProfileIdRole:
            return p.id;
        case GroupIdRole:
            return g.id;
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return p.displayName;
    case Qt::ToolTipRole:
        return p.fhirBase.toDisplayString();
    case KindRole:
        return int(Kind::Profile);
    case ProfileIdRole:
        return p.id;
    case BaseUrlRole:
        return p.fhirBase.toString();
    default:
        return {};
    }
}

QModelIndex ServersModel::profileIndex(const QString &profileId) const
{
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).id == profileId) {
            return index(row, 0);
        }
    }
    return {};
}

QModelIndex ServersModel::groupIndex(const QString &profileId, const QString &groupId) const
{
    const QModelIndex parentIndex = profileIndex(profileId);
    if (!parentIndex.isValid()) {
        return {};
    }
    const QList<ProfileGroup> &groups = m_profiles.at(parentIndex.row()).groups;
    for (int row = 0; row < groups.size(); ++row) {
        if (groups.at(row).id == groupId) {
            return index(row, 0, parentIndex);
        }
    }
    return {};
}

const ServerProfile *ServersModel::profileAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this) {
        return nullptr;
    }
    const int row = index.internalId() == 0 ? index.row() : int(index.internalId() - 1);
    return &m_profiles.at(row);
}
