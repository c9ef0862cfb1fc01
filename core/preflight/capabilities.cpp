#include "preflight/capabilities.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QLatin1String kNotSupported("http://hl7.org/fhir/uv/bulkdata/Extension/operation-not-supported");
const QLatin1String kOauthUris("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");

bool hasExport(const QJsonArray &operations)
{
    for (const QJsonValue &op : operations) {
        const QJsonObject o = op.toObject();
        const QString name = o.value(QLatin1String("name")).toString();
        const QString definition = o.value(QLatin1String("definition")).toString();
        if (name == QLatin1String("export") || name == QLatin1String("$export") ||
            definition.contains(QLatin1String("export"))) {
            return true;
        }
    }
    return false;
}

bool markedNotSupported(const QJsonObject &element)
{
    for (const QJsonValue &ext : element.value(QLatin1String("extension")).toArray()) {
        if (ext.toObject().value(QLatin1String("url")).toString() == kNotSupported) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<ServerCapabilities> ServerCapabilities::parse(const QByteArray &body, QString *error)
{
    const QJsonObject cs = QJsonDocument::fromJson(body).object();
    if (cs.value(QLatin1String("resourceType")).toString() != QLatin1String("CapabilityStatement")) {
        *error = QCoreApplication::translate("ServerCapabilities",
                                             "The server's metadata is not a FHIR CapabilityStatement.");
        return std::nullopt;
    }
    ServerCapabilities c;
    c.fhirVersion = cs.value(QLatin1String("fhirVersion")).toString();
    const QJsonObject software = cs.value(QLatin1String("software")).toObject();
    c.softwareName = software.value(QLatin1String("name")).toString();
    c.softwareVersion = software.value(QLatin1String("version")).toString();
    c.publisher = cs.value(QLatin1String("publisher")).toString();
    for (const QJsonValue &restValue : cs.value(QLatin1String("rest")).toArray()) {
        const QJsonObject rest = restValue.toObject();
        if (rest.value(QLatin1String("mode")).toString() != QLatin1String("server")) {
            continue;
        }
        if (hasExport(rest.value(QLatin1String("operation")).toArray())) {
            c.exportLevels << QStringLiteral("system");
        }
        for (const QJsonValue &ext :
             rest.value(QLatin1String("security")).toObject().value(QLatin1String("extension")).toArray()) {
            const QJsonObject e = ext.toObject();
            if (e.value(QLatin1String("url")).toString() != kOauthUris) {
                continue;
            }
            for (const QJsonValue &inner : e.value(QLatin1String("extension")).toArray()) {
                const QJsonObject i = inner.toObject();
                if (i.value(QLatin1String("url")).toString() == QLatin1String("token")) {
                    c.tokenUrl = QUrl(i.value(QLatin1String("valueUri")).toString());
                }
            }
        }
        for (const QJsonValue &resValue : rest.value(QLatin1String("resource")).toArray()) {
            const QJsonObject res = resValue.toObject();
            const QString type = res.value(QLatin1String("type")).toString();
            if (type.isEmpty()) {
                continue;
            }
            c.resourceTypes << type;
            if (markedNotSupported(res)) {
                c.notSupportedInBulk << type;
            }
            QStringList params;
            for (const QJsonValue &p : res.value(QLatin1String("searchParam")).toArray()) {
                if (!markedNotSupported(p.toObject())) {
                    params << p.toObject().value(QLatin1String("name")).toString();
                }
            }
            c.searchParams.insert(type, params);
            if (hasExport(res.value(QLatin1String("operation")).toArray())) {
                if (type == QLatin1String("Patient")) {
                    c.exportLevels << QStringLiteral("patient");
                } else if (type == QLatin1String("Group")) {
                    c.exportLevels << QStringLiteral("group");
                } else {
                    c.exportLevels << QStringLiteral("type");
                }
            }
        }
    }
    c.exportLevels.removeDuplicates();
    return c;
}
