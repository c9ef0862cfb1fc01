#include "fhir/exportrequest.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ExportRequest", text);
}

struct LevelName
{
    ExportLevel level;
    const char *name;
};
constexpr LevelName kLevels[] = {{ExportLevel::System, "system"},
                                 {ExportLevel::Patient, "patient"},
                                 {ExportLevel::Group, "group"},
                                 {ExportLevel::ResourceType, "type"}};

// Everything but unreserved characters and the separators we mean literally is percent-encoded, so '+' in an
// offset (+01:00) cannot turn into a space and '&'/'=' inside a _typeFilter cannot split the query.
QByteArray encodeValue(const QString &value)
{
    return QUrl::toPercentEncoding(value, ",:");
}

// One _typeFilter query as it goes on the wire inside a comma-joined list: its own commas must not read as the
// list separator. Percent: the comma is encoded like any other reserved character (%2C), as the IG's "URL encode
// the subqueries and join them with commas" gives. Backslash: Epic's "\," (the backslash itself is %5C).
QByteArray encodeFilter(const QString &filter, TypeFilterEscape escape)
{
    if (escape == TypeFilterEscape::Backslash) {
        QString out = filter;
        return encodeValue(out.replace(QLatin1Char(','), QStringLiteral("\\,")));
    }
    return QUrl::toPercentEncoding(filter, ":");
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList toList(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray()) {
        out.append(v.toString());
    }
    return out;
}

QJsonObject parameter(const QString &name, const char *valueKey, const QJsonValue &value)
{
    return QJsonObject{{QStringLiteral("name"), name}, {QLatin1String(valueKey), value}};
}

// The parameters in wire order as (name, values). Comma-joinable parameters carry several values, each already
// percent-encoded, so an escape written into a value is not encoded a second time.
struct Param
{
    QString name;
    QByteArrayList values;
};

QByteArrayList encodeAll(const QStringList &values)
{
    QByteArrayList out;
    for (const QString &v : values) {
        out.append(encodeValue(v));
    }
    return out;
}

} // namespace

QUrl ExportRequest::operationUrl() const
{
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    switch (level) {
    case ExportLevel::System:
        path += QStringLiteral("/$export");
        break;
    case ExportLevel::Patient:
        path += QStringLiteral("/Patient/$export");
        break;
    case ExportLevel::Group:
        path += QStringLiteral("/Group/") + groupId + QStringLiteral("/$export");
        break;
    case ExportLevel::ResourceType:
        path += QLatin1Char('/') + resourceType + QStringLiteral("/$export");
        break;
    }
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl ExportRequest::kickoffUrl() const
{
    QUrl url = operationUrl();
    if (usesPost()) {
        return url;
    }
    QList<Param> params;
    if (!types.isEmpty()) {
        params.append({QStringLiteral("_type"), encodeAll(types)});
    }
    if (since) {
        params.append({QStringLiteral("_since"), encodeAll({formatInstant(*since)})});
    }
    if (until) {
        params.append({QStringLiteral("_until"), encodeAll({formatInstant(*until)})});
    }
    if (!outputFormat.isEmpty()) {
        params.append({QStringLiteral("_outputFormat"), encodeAll({outputFormat})});
    }
    if (!elements.isEmpty()) {
        params.append({QStringLiteral("_elements"), encodeAll(elements)});
    }
    if (!typeFilters.isEmpty()) {
        QByteArrayList filters;
        for (const QString &f : typeFilters) {
            filters.append(encoding == ParameterEncoding::GetCommaJoined ? encodeFilter(f, typeFilterEscape)
                                                                         : encodeValue(f));
        }
        params.append({QStringLiteral("_typeFilter"), filters});
    }
    if (!includeAssociatedData.isEmpty()) {
        params.append({QStringLiteral("includeAssociatedData"), encodeAll(includeAssociatedData)});
    }
    if (allowPartialManifests) {
        params.append({QStringLiteral("allowPartialManifests"), encodeAll({QStringLiteral("true")})});
    }

    QByteArray query;
    auto add = [&query](const QString &name, const QByteArray &encodedValue) {
        if (!query.isEmpty()) {
            query += '&';
        }
        query += name.toLatin1() + '=' + encodedValue;
    };
    for (const Param &p : std::as_const(params)) {
        if (encoding == ParameterEncoding::GetRepeated) {
            for (const QByteArray &v : p.values) {
                add(p.name, v);
            }
        } else {
            add(p.name, p.values.join(','));
        }
    }
    if (!query.isEmpty()) {
        url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    }
    return url;
}

QByteArray ExportRequest::parametersBody() const
{
    QJsonArray params;
    for (const QString &t : types) {
        params.append(parameter(QStringLiteral("_type"), "valueString", t));
    }
    if (since) {
        params.append(parameter(QStringLiteral("_since"), "valueInstant", formatInstant(*since)));
    }
    if (until) {
        params.append(parameter(QStringLiteral("_until"), "valueInstant", formatInstant(*until)));
    }
    if (!outputFormat.isEmpty()) {
        params.append(parameter(QStringLiteral("_outputFormat"), "valueString", outputFormat));
    }
    for (const QString &e : elements) {
        params.append(parameter(QStringLiteral("_elements"), "valueString", e));
    }
    for (const QString &f : typeFilters) {
        params.append(parameter(QStringLiteral("_typeFilter"), "valueString", f));
    }
    for (const QString &d : includeAssociatedData) {
        params.append(parameter(QStringLiteral("includeAssociatedData"), "valueCode", d));
    }
    if (allowPartialManifests) {
        params.append(parameter(QStringLiteral("allowPartialManifests"), "valueBoolean", true));
    }
    for (const QString &p : patients) {
        params.append(
            parameter(QStringLiteral("patient"), "valueReference", QJsonObject{{QStringLiteral("reference"), p}}));
    }
    const QJsonObject body{{QStringLiteral("resourceType"), QStringLiteral("Parameters")},
                           {QStringLiteral("parameter"), params}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray ExportRequest::preferHeader() const
{
    return lenient ? QByteArrayLiteral("respond-async, handling=lenient") : QByteArrayLiteral("respond-async");
}

QStringList ExportRequest::validate(const VendorProfile &profile) const
{
    QStringList problems;
    const bool loopback = base.host() == QLatin1String("localhost") || base.host() == QLatin1String("127.0.0.1") ||
                          base.host() == QLatin1String("::1");
    if (!base.isValid() || base.host().isEmpty()) {
        problems << tr("The FHIR base URL is not a valid URL.");
    } else if (base.scheme() != QLatin1String("https") && !(base.scheme() == QLatin1String("http") && loopback)) {
        problems << tr("The FHIR base URL must use https (plain http is allowed only for this computer).");
    }
    if (!profile.supportsLevel(levelName())) {
        problems << tr("%1 does not support exports at this level.").arg(profile.displayName);
    }
    static const QRegularExpression typeName(QStringLiteral("^[A-Za-z][A-Za-z0-9]*$"));
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9\\-.]{1,256}$"));
    if (level == ExportLevel::Group && !idPattern.match(groupId).hasMatch()) {
        problems << tr("The group id must be letters, digits, '-' or '.' (got \"%1\").").arg(groupId);
    }
    if (level == ExportLevel::ResourceType) {
        if (!typeName.match(resourceType).hasMatch()) {
            problems << tr("Choose the resource type to export at the resource-type level.");
        } else if (!profile.typeLevelResources.isEmpty() && !profile.typeLevelResources.contains(resourceType)) {
            problems << tr("%1 exports only %2 at the resource-type level.")
                            .arg(profile.displayName, profile.typeLevelResources.join(QStringLiteral(", ")));
        }
    }
    for (const QString &t : types) {
        if (!typeName.match(t).hasMatch()) {
            problems << tr("\"%1\" is not a resource type name.").arg(t);
        }
    }
    if (since && until && *until <= *since) {
        problems << tr("_until must be later than _since.");
    }
    if (!patients.isEmpty()) {
        if (!usesPost()) {
            problems << tr("The patient parameter can only be sent with a POST kick-off.");
        }
        if (level == ExportLevel::System) {
            problems << tr("The patient parameter is not allowed in a system-level export.");
        }
    }
    QStringList filteredTypes;
    for (const QString &f : typeFilters) {
        const qsizetype q = f.indexOf(QLatin1Char('?'));
        const QString type = f.left(q);
        if (q <= 0 || q == f.size() - 1 || !typeName.match(type).hasMatch()) {
            problems << tr("_typeFilter \"%1\" must look like Type?search-parameters.").arg(f);
            continue;
        }
        if (profile.typeFilterNeedsType && !types.contains(type)) {
            problems << tr("%1 accepts a _typeFilter only for a type also listed in _type (add %2).")
                            .arg(profile.displayName, type);
        }
        if (profile.typeFilterOnePerType && filteredTypes.contains(type)) {
            problems << tr("%1 accepts only one _typeFilter per resource type (%2 has several).")
                            .arg(profile.displayName, type);
        }
        filteredTypes << type;
    }
    const QList<QPair<QString, bool>> used{{QStringLiteral("_type"), !types.isEmpty()},
                                           {QStringLiteral("_outputFormat"), !outputFormat.isEmpty()},
                                           {QStringLiteral("_elements"), !elements.isEmpty()},
                                           {QStringLiteral("patient"), !patients.isEmpty()},
                                           {QStringLiteral("_typeFilter"), !typeFilters.isEmpty()},
                                           {QStringLiteral("_until"), until.has_value()},
                                           {QStringLiteral("_since"), since.has_value()},
                                           {QStringLiteral("includeAssociatedData"), !includeAssociatedData.isEmpty()},
                                           {QStringLiteral("allowPartialManifests"), allowPartialManifests}};
    for (const auto &[name, isUsed] : used) {
        if (isUsed && !profile.supportsParameter(name)) {
            problems << tr("%1 does not support the %2 parameter.").arg(profile.displayName, name);
        }
    }
    return problems;
}

QString ExportRequest::levelName() const
{
    for (const auto &l : kLevels) {
        if (l.level == level) {
            return QLatin1String(l.name);
        }
    }
    return {};
}

std::optional<ExportLevel> ExportRequest::levelFromName(const QString &name)
{
    for (const auto &l : kLevels) {
        if (name == QLatin1String(l.name)) {
            return l.level;
        }
    }
    return std::nullopt;
}

QJsonObject ExportRequest::toJson() const
{
    QJsonObject json;
    json.insert(QStringLiteral("base"), base.toString());
    json.insert(QStringLiteral("level"), levelName());
    if (!groupId.isEmpty()) {
        json.insert(QStringLiteral("groupId"), groupId);
    }
    if (!resourceType.isEmpty()) {
        json.insert(QStringLiteral("resourceType"), resourceType);
    }
    json.insert(QStringLiteral("types"), toArray(types));
    if (since) {
        json.insert(QStringLiteral("since"), formatInstant(*since));
    }
    if (until) {
        json.insert(QStringLiteral("until"), formatInstant(*until));
    }
    json.insert(QStringLiteral("outputFormat"), outputFormat);
    json.insert(QStringLiteral("elements"), toArray(elements));
    json.insert(QStringLiteral("typeFilters"), toArray(typeFilters));
    json.insert(QStringLiteral("includeAssociatedData"), toArray(includeAssociatedData));
    json.insert(QStringLiteral("allowPartialManifests"), allowPartialManifests);
    json.insert(QStringLiteral("patients"), toArray(patients));
    json.insert(QStringLiteral("lenient"), lenient);
    const char *enc = encoding == ParameterEncoding::PostParameters ? "post"
                      : encoding == ParameterEncoding::GetRepeated  ? "get-repeated"
                                                                    : "get-comma";
    json.insert(QStringLiteral("encoding"), QLatin1String(enc));
    json.insert(QStringLiteral("typeFilterEscape"), typeFilterEscape == TypeFilterEscape::Backslash
                                                        ? QLatin1String("backslash")
                                                        : QLatin1String("percent"));
    return json;
}

ExportRequest ExportRequest::fromJson(const QJsonObject &json)
{
    ExportRequest r;
    r.base = QUrl(json.value(QStringLiteral("base")).toString());
    r.level = levelFromName(json.value(QStringLiteral("level")).toString()).value_or(ExportLevel::Group);
    r.groupId = json.value(QStringLiteral("groupId")).toString();
    r.resourceType = json.value(QStringLiteral("resourceType")).toString();
    r.types = toList(json.value(QStringLiteral("types")));
    r.since = parseInstant(json.value(QStringLiteral("since")).toString());
    r.until = parseInstant(json.value(QStringLiteral("until")).toString());
    r.outputFormat = json.value(QStringLiteral("outputFormat")).toString();
    r.elements = toList(json.value(QStringLiteral("elements")));
    r.typeFilters = toList(json.value(QStringLiteral("typeFilters")));
    r.includeAssociatedData = toList(json.value(QStringLiteral("includeAssociatedData")));
    r.allowPartialManifests = json.value(QStringLiteral("allowPartialManifests")).toBool();
    r.patients = toList(json.value(QStringLiteral("patients")));
    r.lenient = json.value(QStringLiteral("lenient")).toBool();
    const QString enc = json.value(QStringLiteral("encoding")).toString();
    r.encoding = enc == QLatin1String("post")           ? ParameterEncoding::PostParameters
                 : enc == QLatin1String("get-repeated") ? ParameterEncoding::GetRepeated
                                                        : ParameterEncoding::GetCommaJoined;
    r.typeFilterEscape = json.value(QStringLiteral("typeFilterEscape")).toString() == QLatin1String("backslash")
                             ? TypeFilterEscape::Backslash
                             : TypeFilterEscape::Percent;
    return r;
}

QString ExportRequest::formatInstant(const QDateTime &dt)
{
    return dt.toOffsetFromUtc(dt.offsetFromUtc()).toString(Qt::ISODateWithMs);
}

std::optional<QDateTime> ExportRequest::parseInstant(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        return std::nullopt;
    }
    static const QRegularExpression dateOnly(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (dateOnly.match(t).hasMatch()) {
        const QDate d = QDate::fromString(t, Qt::ISODate);
        return d.isValid() ? std::optional<QDateTime>(d.startOfDay(Qt::UTC)) : std::nullopt;
    }
    static const QRegularExpression shape(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?$"));
    if (!shape.match(t).hasMatch()) {
        return std::nullopt;
    }
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!dt.isValid()) {
        return std::nullopt;
    }
    return dt;
}
