#pragma once

#include "data/population.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <optional>

// One _typeFilter query, e.g. "Observation?category=laboratory,vital-signs&status=final": the criteria are AND'ed,
// the comma-separated values of one criterion OR'ed, and several filters for one type OR'ed (Bulk Data STU3).
// Supported search parameters: Observation category/code/status, Condition clinical-status/category,
// Encounter status, MedicationRequest status, Patient gender. Token values may be "code" or "system|code".
class TypeFilter
{
public:
    struct Criterion
    {
        QByteArray parameter;
        QList<QByteArray> values;
    };

    // Parses one decoded filter; on failure returns nullopt and sets error to a message naming the problem.
    static std::optional<TypeFilter> parse(const QByteArray &text, QByteArray *error);
    static bool isSupported(const QByteArray &type, const QByteArray &parameter);

    const QByteArray &type() const { return m_type; }
    const QByteArray &text() const { return m_text; }
    const QList<Criterion> &criteria() const { return m_criteria; }
    bool matches(const Population &population, const ResourceKey &key) const;

private:
    QByteArray m_type;
    QByteArray m_text;
    QList<Criterion> m_criteria;
};
