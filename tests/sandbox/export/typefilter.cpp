#include "export/typefilter.h"

#include "data/vocabulary.h"
#include "http/querystring.h"

namespace {

struct Supported
{
    const char *type;
    const char *parameter;
};

constexpr Supported kSupported[] = {
    {"Observation", "category"},      {"Observation", "code"},   {"Observation", "status"},
    {"Condition", "clinical-status"}, {"Condition", "category"}, {"Encounter", "status"},
    {"MedicationRequest", "status"},  {"Patient", "gender"},
};

// A token search value matches when its code matches and, if given, its system too.
bool tokenMatches(const QByteArray &value, const char *system, const char *code)
{
    const qsizetype bar = value.indexOf('|');
    if (bar < 0) {
        return value == code;
    }
    const QByteArray wantSystem = value.left(bar);
    return (wantSystem.isEmpty() || wantSystem == system) && value.mid(bar + 1) == code;
}

} // namespace

std::optional<TypeFilter> TypeFilter::parse(const QByteArray &text, QByteArray *error)
{
    const qsizetype q = text.indexOf('?');
    if (q <= 0 || q == text.size() - 1) {
        *error = "_typeFilter '" + text + "' is not of the form Type?param=value";
        return std::nullopt;
    }
    TypeFilter filter;
    filter.m_text = text;
    filter.m_type = text.left(q);
    for (const QueryItem &item : QueryString::parse(text.mid(q + 1))) {
        if (item.value.isEmpty()) {
            *error = "_typeFilter '" + text + "' has an empty value for '" + item.name + "'";
            return std::nullopt;
        }
        if (!isSupported(filter.m_type, item.name)) {
            *error = "_typeFilter search parameter '" + item.name + "' is not supported for " + filter.m_type;
            return std::nullopt;
        }
        filter.m_criteria.append({item.name, item.value.split(',')});
    }
    if (filter.m_criteria.isEmpty()) {
        *error = "_typeFilter '" + text + "' has no search criteria";
        return std::nullopt;
    }
    return filter;
}

bool TypeFilter::isSupported(const QByteArray &type, const QByteArray &parameter)
{
    for (const Supported &s : kSupported) {
        if (type == s.type && parameter == s.parameter) {
            return true;
        }
    }
    return false;
}

bool TypeFilter::matches(const Population &population, const ResourceKey &key) const
{
    for (const Criterion &c : m_criteria) {
        bool any = false;
        for (const QByteArray &v : c.values) {
            if (c.parameter == "category" && key.type == ResourceType::Observation) {
                any = tokenMatches(v, Vocabulary::kObservationCategory, population.observationCategory(key).code);
            } else if (c.parameter == "code") {
                any = tokenMatches(v, Vocabulary::kLoinc, population.observationCode(key).code);
            } else if (c.parameter == "status" && key.type == ResourceType::Observation) {
                any = v == population.observationStatus(key);
            } else if (c.parameter == "clinical-status") {
                any = tokenMatches(v, Vocabulary::kConditionClinical, population.conditionClinicalStatus(key));
            } else if (c.parameter == "category") {
                any = tokenMatches(v, Vocabulary::kConditionCategory, population.conditionCategory(key));
            } else if (c.parameter == "status" && key.type == ResourceType::Encounter) {
                any = v == population.encounterStatus(key);
            } else if (c.parameter == "status") {
                any = v == population.medicationStatus(key);
            } else if (c.parameter == "gender") {
                any = v == population.gender(key.owner);
            }
            if (any) {
                break;
            }
        }
        if (!any) {
            return false;
        }
    }
    return true;
}
