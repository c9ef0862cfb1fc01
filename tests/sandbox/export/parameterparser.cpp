#include "export/parameterparser.h"

#include "data/timeformat.h"
#include "http/querystring.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QByteArrayList kOutputFormats = {"application/fhir+ndjson", "application/ndjson", "ndjson"};
const QByteArrayList kAssociatedData = {"LatestProvenanceResources", "RelevantProvenanceResources", "_custom"};
const QByteArrayList kKnownParameters = {"_type",
                                         "_since",
                                         "_until",
                                         "_outputFormat",
                                         "_elements",
                                         "_typeFilter",
                                         "patient",
                                         "includeAssociatedData",
                                         "allowPartialManifests"};

KickoffError invalid(const QByteArray &diagnostics, int status = 400, const QByteArray &code = "invalid")
{
    return KickoffError{status, code, diagnostics};
}

QByteArrayList splitList(const QByteArray &value)
{
    QByteArrayList out;
    for (const QByteArray &part : value.split(',')) {
        const QByteArray t = part.trimmed();
        if (!t.isEmpty()) {
            out.append(t);
        }
    }
    return out;
}

// Splits a raw _typeFilter value at commas the client did not escape (neither %2C nor a preceding backslash).
QByteArrayList splitRawFilters(const QByteArray &raw)
{
    QByteArrayList pieces;
    QByteArray current;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        const bool escaped = current.endsWith('\\') || current.toUpper().endsWith("%5C");
        if (c == ',' && !escaped) {
            pieces.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    pieces.append(current);
    return pieces;
}

} // namespace

ParameterParser::ParameterParser(KickoffRules rules, QByteArrayList supportedTypes)
    : m_rules(std::move(rules))
    , m_supportedTypes(std::move(supportedTypes))
{
}

ParameterParser::Result ParameterParser::parse(const HttpRequest &request, ExportLevel level, const QByteArray &groupId,
                                               const QByteArray &levelType) const
{
    ExportParameters p;
    p.level = level;
    p.groupId = groupId;
    p.levelType = levelType;
    p.post = request.method == "POST";

    bool respondAsync = false;
    for (const QByteArray &header : request.headerValues("Prefer")) {
        for (const QByteArray &token : header.split(',')) {
            const QByteArray t = token.trimmed().toLower();
            respondAsync = respondAsync || t == "respond-async";
            p.lenient = p.lenient || t == "handling=lenient";
            p.separateExportStatus = p.separateExportStatus || (t == "separate-export-status");
        }
    }
    p.separateExportStatus = p.separateExportStatus && m_rules.separateExportStatus;
    if (!respondAsync && m_rules.requireRespondAsync) {
        return invalid("The Prefer header must include respond-async: bulk export is asynchronous only");
    }
    if (p.post && !m_rules.postAllowed) {
        return invalid("POST is not allowed on this export endpoint", 403, "forbidden");
    }

    QList<Item> items;
    for (const QueryItem &q : QueryString::parse(request.query)) {
        items.append({q.name, q.rawValue, q.value, false});
    }
    if (p.post && !request.body.trimmed().isEmpty()) {
        if (auto error = readBody(request, items)) {
            return *error;
        }
    }
    if (auto error = apply(items, p)) {
        return *error;
    }
    return p;
}

std::optional<KickoffError> ParameterParser::readBody(const HttpRequest &request, QList<Item> &items) const
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error != QJsonParseError::NoError ||
        root.value(QLatin1String("resourceType")).toString() != QLatin1String("Parameters")) {
        return invalid("The POST body must be a FHIR Parameters resource");
    }
    for (const QJsonValue &entry : root.value(QLatin1String("parameter")).toArray()) {
        const QJsonObject param = entry.toObject();
        Item item;
        item.name = param.value(QLatin1String("name")).toString().toUtf8();
        item.fromBody = true;
        for (auto it = param.begin(); it != param.end(); ++it) {
            if (!it.key().startsWith(QLatin1String("value"))) {
                continue;
            }
            const QJsonValue v = it.value();
            if (v.isBool()) {
                item.value = v.toBool() ? "true" : "false";
            } else if (v.isObject()) {
                const QJsonObject o = v.toObject();
                item.value = (o.contains(QLatin1String("reference")) ? o.value(QLatin1String("reference"))
                                                                     : o.value(QLatin1String("code")))
                                 .toString()
                                 .toUtf8();
            } else {
                item.value = v.toVariant().toString().toUtf8();
            }
        }
        if (item.name.isEmpty()) {
            return invalid("A Parameters entry has no name");
        }
        item.rawValue = item.value;
        items.append(item);
    }
    return std::nullopt;
}

std::optional<KickoffError> ParameterParser::unsupported(const QByteArray &what, ExportParameters &p) const
{
    if (p.lenient) {
        p.lenientNotes.append("The parameter '" + what + "' is not supported and was ignored (handling=lenient)");
        return std::nullopt;
    }
    return invalid("The parameter '" + what + "' is not supported by this server", 400, "not-supported");
}

std::optional<KickoffError> ParameterParser::apply(const QList<Item> &items, ExportParameters &p) const
{
    for (const Item &item : items) {
        const QByteArray &name = item.name;
        if (!kKnownParameters.contains(name) || m_rules.unsupportedParameters.contains(name)) {
            if (auto error = unsupported(name, p)) {
                return error;
            }
            continue;
        }
        if (name == "_since" || name == "_until") {
            const std::optional<qint64> ms = TimeFormat::parseInstant(item.value);
            if (!ms) {
                return invalid("The " + name + " value '" + item.value +
                               "' is not a FHIR instant (e.g. 2024-01-01T00:00:00Z; encode '+' as %2B)");
            }
            (name == "_since" ? p.sinceMs : p.untilMs) = ms;
        } else if (name == "_outputFormat") {
            if (!kOutputFormats.contains(item.value)) {
                return invalid("The _outputFormat '" + item.value + "' is not supported; use application/fhir+ndjson",
                               400, "not-supported");
            }
            p.outputFormat = item.value;
        } else if (name == "_elements") {
            p.elements += splitList(item.value);
        } else if (name == "includeAssociatedData") {
            for (const QByteArray &v : splitList(item.value)) {
                if (!kAssociatedData.contains(v)) {
                    if (auto error = unsupported("includeAssociatedData=" + v, p)) {
                        return error;
                    }
                    continue;
                }
                p.includeAssociatedData.append(v);
            }
        } else if (name == "allowPartialManifests") {
            if (item.value != "true" && item.value != "false") {
                return invalid("allowPartialManifests must be true or false");
            }
            p.allowPartialManifests = item.value == "true";
        } else if (name == "patient") {
            if (!item.fromBody) {
                return invalid("The patient parameter is only allowed in a POST Parameters body");
            }
            if (p.level == ExportLevel::System) {
                return invalid("The patient parameter is not allowed on a system-level export");
            }
            QByteArray ref = item.value;
            if (ref.startsWith("Patient/")) {
                ref = ref.mid(8);
            }
            p.patientIds.append(ref);
        }
    }
    if (auto error = readTypes(items, p)) {
        return error;
    }
    return readTypeFilters(items, p);
}

std::optional<KickoffError> ParameterParser::readTypes(const QList<Item> &items, ExportParameters &p) const
{
    int occurrences = 0;
    for (const Item &item : items) {
        if (item.name != "_type") {
            continue;
        }
        ++occurrences;
        if (occurrences > 1 && !m_rules.repeatedTypeAllowed) {
            return invalid("The _type parameter may appear only once; join resource types with commas");
        }
        p.typesGiven = true;
        for (const QByteArray &name : splitList(item.value)) {
            QByteArray canonical;
            for (const QByteArray &supported : m_supportedTypes) {
                if (supported == name ||
                    (m_rules.caseInsensitiveTypes && supported.compare(name, Qt::CaseInsensitive) == 0)) {
                    canonical = supported;
                }
            }
            if (canonical.isEmpty()) {
                if (p.lenient) {
                    p.lenientNotes.append("The resource type '" + name + "' in _type is not supported and was ignored");
                    continue;
                }
                return invalid("The resource type '" + name + "' in _type is not supported by this server", 400,
                               "not-supported");
            }
            if (!p.types.contains(canonical)) {
                p.types.append(canonical);
            }
        }
    }
    return std::nullopt;
}

std::optional<KickoffError> ParameterParser::readTypeFilters(const QList<Item> &items, ExportParameters &p) const
{
    QByteArrayList texts;
    for (const Item &item : items) {
        if (item.name != "_typeFilter") {
            continue;
        }
        if (item.fromBody) {
            texts.append(item.value);
            continue;
        }
        for (const QByteArray &piece : splitRawFilters(item.rawValue)) {
            QByteArray text = QueryString::decode(piece);
            text.replace("\\,", ",");
            if (!text.contains('?') && !texts.isEmpty()) {
                if (!m_rules.rawCommaInTypeFilter) {
                    return invalid("The _typeFilter value contains an unescaped comma; escape commas inside a filter "
                                   "as %2C or \\,");
                }
                texts.last() += ',' + text;
                continue;
            }
            texts.append(text);
        }
    }
    const int status = m_rules.typeFilterErrorStatus;
    for (const QByteArray &text : texts) {
        QByteArray error;
        std::optional<TypeFilter> filter = TypeFilter::parse(text, &error);
        if (!filter) {
            if (p.lenient) {
                p.lenientNotes.append(error + " (ignored under handling=lenient)");
                continue;
            }
            return invalid(error, status, "not-supported");
        }
        if (m_rules.typeFilterNeedsType && !p.typesGiven) {
            return invalid("_typeFilter requires the _type parameter", status);
        }
        if (m_rules.typeFilterForbiddenTypes.contains(filter->type())) {
            return invalid("_typeFilter is not supported for " + filter->type(), status, "not-supported");
        }
        if (!m_supportedTypes.contains(filter->type())) {
            return invalid("_typeFilter names an unsupported resource type '" + filter->type() + "'", status,
                           "not-supported");
        }
        int sameType = 0;
        for (const TypeFilter &f : p.typeFilters) {
            sameType += f.type() == filter->type() ? 1 : 0;
        }
        if (m_rules.typeFiltersPerTypeMax > 0 && sameType >= m_rules.typeFiltersPerTypeMax) {
            return invalid("Only one _typeFilter query is allowed per resource type (" + filter->type() + ")", status);
        }
        p.typeFilters.append(*filter);
    }
    return std::nullopt;
}
