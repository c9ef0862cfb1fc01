#include "data/groupregistry.h"

#include "data/hash.h"

#include <algorithm>
#include <numeric>

GroupRegistry::GroupRegistry(quint64 seed, quint32 patientCount)
    : m_seed(seed)
    , m_patients(patientCount)
{
}

void GroupRegistry::add(const QByteArray &id, quint32 size, const QByteArray &name)
{
    Group group;
    group.id = id;
    group.name = name.isEmpty() ? "Sandbox group " + id : name;
    if (size >= m_patients) {
        group.members.resize(m_patients);
        std::iota(group.members.begin(), group.members.end(), 0u);
    } else {
        // Rank every patient by a hash of (seed, group id, index) and keep the lowest `size` ranks.
        const quint64 salt = SandboxHash::of(m_seed, SandboxHash::bytes(id.constData(), id.size()));
        std::vector<std::pair<quint64, quint32>> ranked(m_patients);
        for (quint32 i = 0; i < m_patients; ++i) {
            ranked[i] = {SandboxHash::of(salt, i), i};
        }
        std::nth_element(ranked.begin(), ranked.begin() + size, ranked.end());
        group.members.reserve(size);
        for (quint32 i = 0; i < size; ++i) {
            group.members.push_back(ranked[i].second);
        }
        std::sort(group.members.begin(), group.members.end());
    }
    m_groups.insert(id, std::move(group));
}

void GroupRegistry::remove(const QByteArray &id)
{
    m_groups.remove(id);
}

void GroupRegistry::clear()
{
    m_groups.clear();
}

const GroupRegistry::Group *GroupRegistry::find(const QByteArray &id) const
{
    const auto it = m_groups.constFind(id);
    return it == m_groups.constEnd() ? nullptr : &it.value();
}

QList<const GroupRegistry::Group *> GroupRegistry::all() const
{
    QList<const Group *> out;
    for (const Group &g : m_groups) {
        out.append(&g);
    }
    return out;
}
