#pragma once

#include <QByteArrayList>

#include <string>
#include <string_view>

// Implements _elements on an already rendered resource: keeps resourceType, id and the listed top-level members,
// and rewrites meta to carry the SUBSETTED tag (HL7 v3 ObservationValue), as the Bulk Data IG asks.
class ElementSubsetter
{
public:
    // elements: bare names ("status") apply to every type; "Type.name" only to that type.
    explicit ElementSubsetter(const QByteArrayList &elements);

    bool isActive() const { return !m_elements.isEmpty(); }
    // Appends the subsetted form of json (a single-line object of type `type`) to out.
    void apply(std::string_view type, std::string_view json, std::string &out) const;

private:
    bool keeps(std::string_view type, std::string_view member) const;

    QByteArrayList m_elements;
};
