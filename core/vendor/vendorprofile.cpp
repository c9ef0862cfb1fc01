#include "vendor/vendorprofile.h"

#include <QJsonArray>

namespace {

QStringList toStrings(const QJsonValue &value, const QStringList &fallback)
{
    if (!value.isArray()) {
        return fallback;
    }
    QStringList out;
    for (const QJsonValue &item : value.toArray()) {
        out.append(item.toString());
    }
    return out;
}

QJsonArray fromStrings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

std::chrono::seconds toSeconds(const QJsonValue &value, std::chrono::seconds fallback)
{
    return value.isDouble() ? std::chrono::seconds(value.toInteger()) : fallback;
}

struct UnitName
{
    RetryAfterUnit unit;
    const char *name;
};
constexpr UnitName kUnits[] = {{RetryAfterUnit::Seconds, "seconds"},
                               {RetryAfterUnit::Milliseconds, "milliseconds"},
                               {RetryAfterUnit::Minutes, "minutes"}};

struct EncodingName
{
    ParameterEncoding encoding;
    const char *name;
};
constexpr EncodingName kEncodings[] = {{ParameterEncoding::GetCommaJoined, "get-comma"},
                                       {ParameterEncoding::GetRepeated, "get-repeated"},
                                       {ParameterEncoding::PostParameters, "post"}};

} // namespace

VendorProfile VendorProfile::generic()
{
    return VendorProfile{};
}

bool VendorProfile::fromJson(const QJsonObject &json, VendorProfile *profile, QString *error)
{
    VendorProfile p;
    p.id = json.value(QLatin1String("id")).toString(p.id);
    p.displayName = json.value(QLatin1String("displayName")).toString(p.displayName);
    p.description = json.value(QLatin1String("description")).toString();

    p.levels = toStrings(json.value(QLatin1String("levels")), p.levels);
    for (const QString &level : std::as_const(p.levels)) {
        static const QStringList known{QStringLiteral("group"), QStringLiteral("patient"), QStringLiteral("system"),
                                       QStringLiteral("type")};
        if (!known.contains(level)) {
            *error = QStringLiteral("unknown level \"%1\" (use group, patient, system or type)").arg(level);
            return false;
        }
    }
    p.typeLevelResources = toStrings(json.value(QLatin1String("typeLevelResources")), p.typeLevelResources);
    if (json.contains(QLatin1String("encoding"))) {
        const QString name = json.value(QLatin1String("encoding")).toString();
        bool found = false;
        for (const auto &e : kEncodings) {
            if (name == QLatin1String(e.name)) {
                p.encoding = e.encoding;
                found = true;
            }
        }
        if (!found) {
            *error = QStringLiteral("unknown encoding \"%1\" (use get-comma, get-repeated or post)").arg(name);
            return false;
        }
    }
    p.preferLenient = json.value(QLatin1String("preferLenient")).toBool(p.preferLenient);
    if (json.contains(QLatin1String("typeFilterEscape"))) {
        const QString name = json.value(QLatin1String("typeFilterEscape")).toString();
        if (name == QLatin1String("backslash")) {
            p.typeFilterEscape = TypeFilterEscape::Backslash;
        } else if (name == QLatin1String("percent")) {
            p.typeFilterEscape = TypeFilterEscape::Percent;
        } else {
            *error = QStringLiteral("unknown typeFilterEscape \"%1\" (use percent or backslash)").arg(name);
            return false;
        }
    }
    p.typeFilterNeedsType = json.value(QLatin1String("typeFilterNeedsType")).toBool(p.typeFilterNeedsType);
    p.typeFilterOnePerType = json.value(QLatin1String("typeFilterOnePerType")).toBool(p.typeFilterOnePerType);
    p.unsupportedParameters = toStrings(json.value(QLatin1String("unsupportedParameters")), p.unsupportedParameters);
    p.supportedTypes = toStrings(json.value(QLatin1String("supportedTypes")), p.supportedTypes);
    const QJsonObject headers = json.value(QLatin1String("extraHeaders")).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        p.extraHeaders.append({it.key().toLatin1(), it.value().toString()});
    }
    p.sinceUnreliable = json.value(QLatin1String("sinceUnreliable")).toBool(p.sinceUnreliable);
    p.sinceWarning = json.value(QLatin1String("sinceWarning")).toString();
    p.typeAdvice = json.value(QLatin1String("typeAdvice")).toString();
    p.groupIdHint = json.value(QLatin1String("groupIdHint")).toString();
    p.maxConcurrentExports = json.value(QLatin1String("maxConcurrentExports")).toInt(p.maxConcurrentExports);

    if (json.contains(QLatin1String("retryAfterUnit"))) {
        const QString name = json.value(QLatin1String("retryAfterUnit")).toString();
        bool found = false;
        for (const auto &u : kUnits) {
            if (name == QLatin1String(u.name)) {
                p.retryAfterUnit = u.unit;
                found = true;
            }
        }
        if (!found) {
            *error = QStringLiteral("unknown retryAfterUnit \"%1\" (use seconds, milliseconds or minutes)").arg(name);
            return false;
        }
    }
    p.pollMinimum = toSeconds(json.value(QLatin1String("pollMinimumSeconds")), p.pollMinimum);
    p.pollMaximum = toSeconds(json.value(QLatin1String("pollMaximumSeconds")), p.pollMaximum);
    p.pollInitial = toSeconds(json.value(QLatin1String("pollInitialSeconds")), p.pollInitial);
    p.honourGrowingRetryAfter = json.value(QLatin1String("honourGrowingRetryAfter")).toBool(p.honourGrowingRetryAfter);
    p.statusBodyMayBeRunning = json.value(QLatin1String("statusBodyMayBeRunning")).toBool(p.statusBodyMayBeRunning);

    p.fileUrlKeys = toStrings(json.value(QLatin1String("fileUrlKeys")), p.fileUrlKeys);
    p.parallelDownloads = json.value(QLatin1String("parallelDownloads")).toInt(p.parallelDownloads);
    p.requestsPerMinute = json.value(QLatin1String("requestsPerMinute")).toInt(p.requestsPerMinute);
    p.deleteAfterDownload = json.value(QLatin1String("deleteAfterDownload")).toBool(p.deleteAfterDownload);
    p.cleanupMayBeForbidden = json.value(QLatin1String("cleanupMayBeForbidden")).toBool(p.cleanupMayBeForbidden);

    p.signingAlgorithms = toStrings(json.value(QLatin1String("signingAlgorithms")), p.signingAlgorithms);
    p.defaultScope = json.value(QLatin1String("defaultScope")).toString(p.defaultScope);
    p.jkuRequired = json.value(QLatin1String("jkuRequired")).toBool(p.jkuRequired);
    p.defaultAuthMethod = json.value(QLatin1String("defaultAuthMethod")).toString(p.defaultAuthMethod);

    p.softwareNames = toStrings(json.value(QLatin1String("softwareNames")), p.softwareNames);
    p.traps = toStrings(json.value(QLatin1String("traps")), p.traps);
    for (const QJsonValue &hint : json.value(QLatin1String("errorHints")).toArray()) {
        const QJsonObject o = hint.toObject();
        p.errorHints.append(
            {o.value(QLatin1String("contains")).toString(), o.value(QLatin1String("advice")).toString()});
    }
    p.connectionHelp = json.value(QLatin1String("connectionHelp")).toString();

    if (p.pollMinimum.count() < 0 || p.pollMaximum < p.pollMinimum || p.parallelDownloads < 1) {
        *error = QStringLiteral("poll bounds or parallelDownloads out of range");
        return false;
    }
    *profile = p;
    return true;
}

QJsonObject VendorProfile::toJson() const
{
    QJsonObject json;
    json.insert(QLatin1String("id"), id);
    json.insert(QLatin1String("displayName"), displayName);
    json.insert(QLatin1String("description"), description);
    json.insert(QLatin1String("levels"), fromStrings(levels));
    json.insert(QLatin1String("typeLevelResources"), fromStrings(typeLevelResources));
    for (const auto &e : kEncodings) {
        if (e.encoding == encoding) {
            json.insert(QLatin1String("encoding"), QLatin1String(e.name));
        }
    }
    json.insert(QLatin1String("preferLenient"), preferLenient);
    json.insert(QLatin1String("typeFilterEscape"), typeFilterEscape == TypeFilterEscape::Backslash
                                                       ? QLatin1String("backslash")
                                                       : QLatin1String("percent"));
    json.insert(QLatin1String("typeFilterNeedsType"), typeFilterNeedsType);
    json.insert(QLatin1String("typeFilterOnePerType"), typeFilterOnePerType);
    json.insert(QLatin1String("unsupportedParameters"), fromStrings(unsupportedParameters));
    json.insert(QLatin1String("supportedTypes"), fromStrings(supportedTypes));
    QJsonObject headers;
    for (const auto &[name, value] : extraHeaders) {
        headers.insert(QString::fromLatin1(name), value);
    }
    json.insert(QLatin1String("extraHeaders"), headers);
    json.insert(QLatin1String("sinceUnreliable"), sinceUnreliable);
    json.insert(QLatin1String("sinceWarning"), sinceWarning);
    json.insert(QLatin1String("typeAdvice"), typeAdvice);
    json.insert(QLatin1String("groupIdHint"), groupIdHint);
    json.insert(QLatin1String("maxConcurrentExports"), maxConcurrentExports);
    for (const auto &u : kUnits) {
        if (u.unit == retryAfterUnit) {
            json.insert(QLatin1String("retryAfterUnit"), QLatin1String(u.name));
        }
    }
    json.insert(QLatin1String("pollMinimumSeconds"), qint64(pollMinimum.count()));
    json.insert(QLatin1String("pollMaximumSeconds"), qint64(pollMaximum.count()));
    json.insert(QLatin1String("pollInitialSeconds"), qint64(pollInitial.count()));
    json.insert(QLatin1String("honourGrowingRetryAfter"), honourGrowingRetryAfter);
    json.insert(QLatin1String("statusBodyMayBeRunning"), statusBodyMayBeRunning);
    json.insert(QLatin1String("fileUrlKeys"), fromStrings(fileUrlKeys));
    json.insert(QLatin1String("parallelDownloads"), parallelDownloads);
    json.insert(QLatin1String("requestsPerMinute"), requestsPerMinute);
    json.insert(QLatin1String("deleteAfterDownload"), deleteAfterDownload);
    json.insert(QLatin1String("cleanupMayBeForbidden"), cleanupMayBeForbidden);
    json.insert(QLatin1String("signingAlgorithms"), fromStrings(signingAlgorithms));
    json.insert(QLatin1String("defaultScope"), defaultScope);
    json.insert(QLatin1String("jkuRequired"), jkuRequired);
    json.insert(QLatin1String("defaultAuthMethod"), defaultAuthMethod);
    json.insert(QLatin1String("softwareNames"), fromStrings(softwareNames));
    json.insert(QLatin1String("traps"), fromStrings(traps));
    QJsonArray hints;
    for (const ErrorHint &h : errorHints) {
        hints.append(QJsonObject{{QLatin1String("contains"), h.contains}, {QLatin1String("advice"), h.advice}});
    }
    json.insert(QLatin1String("errorHints"), hints);
    json.insert(QLatin1String("connectionHelp"), connectionHelp);
    return json;
}
