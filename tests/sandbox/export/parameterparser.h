#pragma once

#include "export/exportparameters.h"
#include "http/httprequest.h"

#include <variant>

// Turns a kick-off request (GET query or POST Parameters body, plus Prefer) into ExportParameters, or the error
// the persona answers with. Unknown or unsupported parameters are refused with 400 naming them unless the client
// sent Prefer: handling=lenient, in which case they are ignored and reported through lenientNotes.
class ParameterParser
{
public:
    using Result = std::variant<ExportParameters, KickoffError>;

    ParameterParser(KickoffRules rules, QByteArrayList supportedTypes);

    Result parse(const HttpRequest &request, ExportLevel level, const QByteArray &groupId,
                 const QByteArray &levelType) const;

private:
    struct Item
    {
        QByteArray name;
        QByteArray rawValue;
        QByteArray value;
        bool fromBody = false;
    };

    std::optional<KickoffError> readBody(const HttpRequest &request, QList<Item> &items) const;
    std::optional<KickoffError> apply(const QList<Item> &items, ExportParameters &p) const;
    std::optional<KickoffError> readTypes(const QList<Item> &items, ExportParameters &p) const;
    std::optional<KickoffError> readTypeFilters(const QList<Item> &items, ExportParameters &p) const;
    std::optional<KickoffError> unsupported(const QByteArray &what, ExportParameters &p) const;

    KickoffRules m_rules;
    QByteArrayList m_supportedTypes;
};
