#pragma once

#include "store/serverprofile.h"

#include <QAbstractItemModel>
#include <QList>

class ProfileStore;

// The server profiles as a tree: one top-level row per profile, its groups as children. One column. Follows the
// ProfileStore (a change resets the model; profiles change seldom and by hand). Selection survives a reset
// because views re-select by ProfileIdRole / GroupIdRole (ServersPane does).
class ServersModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind as int
        ProfileIdRole,               // the profile id (for groups: their profile's)
        GroupIdRole,                 // groups only
        BaseUrlRole,                 // profiles only: the FHIR base as text
    };
    enum class Kind { Profile, Group };

    explicit ServersModel(ProfileStore *store, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    QModelIndex profileIndex(const QString &profileId) const;
    QModelIndex groupIndex(const QString &profileId, const QString &groupId) const;
    const ServerProfile *profileAt(const QModelIndex &index) const; // a profile row or one of its groups

private:
    void reload();

    ProfileStore *m_store;
    QList<ServerProfile> m_profiles;
};
