#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>

#include <vector>

// The Groups a client can export: each a deterministic subset of the population (sorted patient indexes).
class GroupRegistry
{
public:
    struct Group
    {
        QByteArray id;
        QByteArray name;
        std::vector<quint32> members; // sorted
    };

    GroupRegistry(quint64 seed, quint32 patientCount);

    // A group of `size` members chosen by hashing (seed, id); size >= population means everyone.
    void add(const QByteArray &id, quint32 size, const QByteArray &name = {});
    void remove(const QByteArray &id);
    void clear();
    const Group *find(const QByteArray &id) const;
    QList<const Group *> all() const;

private:
    quint64 m_seed;
    quint32 m_patients;
    QMap<QByteArray, Group> m_groups;
};
