#include "data/population.h"

#include "data/hash.h"

#include <charconv>

namespace {

struct CountRange
{
    quint32 low;
    quint32 high;
};

CountRange perPatientRange(ResourceType type)
{
    switch (type) {
    case ResourceType::Patient:
        return {1, 1};
    case ResourceType::Encounter:
        return {1, 6};
    case ResourceType::Observation:
        return {3, 18};
    case ResourceType::Condition:
        return {0, 5};
    case ResourceType::MedicationRequest:
        return {0, 5};
    case ResourceType::AllergyIntolerance:
        return {0, 2};
    case ResourceType::Immunization:
        return {0, 4};
    case ResourceType::Procedure:
        return {0, 3};
    case ResourceType::DiagnosticReport:
        return {0, 3};
    case ResourceType::DocumentReference:
        return {0, 2};
    case ResourceType::Provenance:
        return {1, 1};
    default:
        return {0, 0};
    }
}

template<typename T> const T &pick(std::span<const T> table, quint64 h)
{
    return table[h % table.size()];
}

void appendNumber(std::string &out, quint64 v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void appendHex(std::string &out, quint64 v, int digits)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; --i) {
        out.push_back(kHex[(v >> (i * 4)) & 0xf]);
    }
}

enum Salt : quint64 {
    kSaltCount = 11,
    kSaltDeleted = 12,
    kSaltUpdated = 13,
    kSaltTag = 14,
    kSaltCategory = 15,
    kSaltCode = 16,
    kSaltStatus = 17,
    kSaltRef = 18,
    kSaltGender = 19,
};

} // namespace

Population::Population(quint64 seed, quint32 patientCount)
    : m_seed(seed)
    , m_patients(patientCount)
{
}

quint32 Population::perPatientCount(ResourceType type, quint32 patient) const
{
    const CountRange r = perPatientRange(type);
    if (r.high == 0 || patient >= m_patients) {
        return 0;
    }
    const quint64 h = SandboxHash::of(m_seed, kSaltCount, static_cast<quint64>(type), patient);
    return static_cast<quint32>(SandboxHash::range(h, r.low, r.high));
}

quint32 Population::sharedCount(ResourceType type) const
{
    switch (type) {
    case ResourceType::Practitioner:
        return std::max<quint32>(3, (m_patients + 19) / 20);
    case ResourceType::Organization:
        return std::max<quint32>(2, m_patients / 100);
    case ResourceType::Location:
        return std::max<quint32>(2, m_patients / 50);
    default:
        return 0;
    }
}

quint32 Population::deletedCount(ResourceType type, quint32 patient) const
{
    if (!ResourceTypes::perPatient(type) || type == ResourceType::Patient || type == ResourceType::Provenance) {
        return 0;
    }
    const quint64 h = SandboxHash::of(m_seed, kSaltDeleted, static_cast<quint64>(type), patient);
    return h % 8 == 0 ? 1 : 0; // about one patient in eight lost one resource of each type
}

void Population::appendTag(std::string &out, quint32 index, ResourceType type) const
{
    const quint64 base = SandboxHash::of(m_seed, kSaltTag, ResourceTypes::perPatient(type) ? 0 : quint64(type), index);
    if (longIds(index)) {
        for (quint64 i = 0; i < 4; ++i) {
            appendHex(out, SandboxHash::mix(base + i), 16);
        }
    } else {
        appendHex(out, base, 8);
    }
}

void Population::appendId(std::string &out, const ResourceKey &key) const
{
    out.append(ResourceTypes::idPrefix(key.type));
    out.push_back('-');
    appendTag(out, key.owner, key.type);
    out.push_back('-');
    appendNumber(out, key.owner);
    if (ResourceTypes::perPatient(key.type) && key.type != ResourceType::Patient) {
        out.append(key.deleted ? "-d" : "-");
        appendNumber(out, key.ordinal);
    }
}

QByteArray Population::id(const ResourceKey &key) const
{
    std::string s;
    appendId(s, key);
    return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
}

std::optional<quint32> Population::patientIndexForId(QByteArrayView id) const
{
    return indexForId(ResourceType::Patient, id);
}

std::optional<quint32> Population::indexForId(ResourceType type, QByteArrayView id) const
{
    const bool patient = type == ResourceType::Patient;
    if (!patient && ResourceTypes::perPatient(type)) {
        return std::nullopt;
    }
    const qsizetype dash = id.lastIndexOf('-');
    if (dash < 0 || !id.startsWith(ResourceTypes::idPrefix(type))) {
        return std::nullopt;
    }
    bool ok = false;
    const quint32 index = id.sliced(dash + 1).toByteArray().toUInt(&ok);
    const quint32 limit = patient ? m_patients : sharedCount(type);
    if (!ok || index >= limit || this->id(ResourceKey{index, 0, type, false}) != id) {
        return std::nullopt;
    }
    return index;
}

qint64 Population::lastUpdated(const ResourceKey &key) const
{
    const quint64 h = SandboxHash::of(m_seed, kSaltUpdated ^ (quint64(key.deleted) << 8),
                                      (quint64(key.type) << 32) | key.ordinal, key.owner);
    return static_cast<qint64>(SandboxHash::range(h, kFirstUpdate, kLastUpdate));
}

quint64 Population::detail(const ResourceKey &key, quint64 salt) const
{
    return SandboxHash::of(m_seed, salt << 8 | quint64(key.type), key.ordinal, key.owner);
}

const ObservationCategory &Population::observationCategory(const ResourceKey &key) const
{
    return pick(Vocabulary::observationCategories(), detail(key, kSaltCategory));
}

const VocabCode &Population::observationCode(const ResourceKey &key) const
{
    return pick(observationCategory(key).codes, detail(key, kSaltCode));
}

const char *Population::observationStatus(const ResourceKey &key) const
{
    return pick(Vocabulary::observationStatuses(), detail(key, kSaltStatus));
}

const char *Population::conditionClinicalStatus(const ResourceKey &key) const
{
    return pick(Vocabulary::conditionClinicalStatuses(), detail(key, kSaltStatus));
}

const char *Population::conditionCategory(const ResourceKey &key) const
{
    return pick(Vocabulary::conditionCategories(), detail(key, kSaltCategory));
}

const char *Population::encounterStatus(const ResourceKey &key) const
{
    return pick(Vocabulary::encounterStatuses(), detail(key, kSaltStatus));
}

const char *Population::medicationStatus(const ResourceKey &key) const
{
    return pick(Vocabulary::medicationStatuses(), detail(key, kSaltStatus));
}

const char *Population::gender(quint32 patient) const
{
    static constexpr const char *kGenders[] = {"female", "male", "female", "male", "other", "unknown"};
    const quint64 h = SandboxHash::of(m_seed, kSaltGender, patient);
    return kGenders[h % 16 < 7 ? 0 : h % 16 < 14 ? 1 : 4 + h % 2];
}

quint32 Population::practitionerFor(const ResourceKey &key) const
{
    return static_cast<quint32>(detail(key, kSaltRef) % sharedCount(ResourceType::Practitioner));
}

quint32 Population::organizationFor(const ResourceKey &key) const
{
    return static_cast<quint32>(detail(key, kSaltRef + 1) % sharedCount(ResourceType::Organization));
}

quint32 Population::locationFor(const ResourceKey &key) const
{
    return static_cast<quint32>(detail(key, kSaltRef + 2) % sharedCount(ResourceType::Location));
}
