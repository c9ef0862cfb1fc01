#include "server/metadatahandler.h"

#include "data/timeformat.h"
#include "http/querystring.h"
#include "server/outcome.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

constexpr int kMaxMembersListed = 10000;

QJsonObject operation(const char *name, const char *definition)
{
    return QJsonObject{{QLatin1String("name"), QLatin1String(name)},
                       {QLatin1String("definition"), QLatin1String(definition)}};
}

HttpResponse fhirJson(const QJsonObject &o)
{
    return HttpResponse::json(200, QJsonDocument(o).toJson(QJsonDocument::Compact), "application/fhir+json");
}

QString text(const QByteArray &b)
{
    return QString::fromUtf8(b);
}

} // namespace

MetadataHandler::MetadataHandler(const SandboxContext &ctx)
    : m_ctx(ctx)
{
}

HttpResponse MetadataHandler::capabilityStatement() const
{
    const Persona &persona = *m_ctx.persona;
    QJsonArray resources;
    for (const QByteArray &type : persona.supportedTypes()) {
        QJsonObject resource{
            {QLatin1String("type"), text(type)},
            {QLatin1String("interaction"), QJsonArray{QJsonObject{{QLatin1String("code"), QLatin1String("read")}}}}};
        if (type == "Patient" || type == "Group") {
            resource.insert(
                QLatin1String("operation"),
                QJsonArray{operation(
                    "export", type == "Patient" ? "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export"
                                                : "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export")});
        }
        resources.append(resource);
    }
    if (!persona.supportedTypes().contains("Group")) {
        resources.append(QJsonObject{
            {QLatin1String("type"), QLatin1String("Group")},
            {QLatin1String("operation"),
             QJsonArray{operation("export", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export")}}});
    }
    QJsonObject rest{{QLatin1String("mode"), QLatin1String("server")},
                     {QLatin1String("resource"), resources},
                     {QLatin1String("operation"),
                      QJsonArray{operation("export", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export")}}};
    if (m_ctx.authEnabled()) {
        const QJsonObject oauth{
            {QLatin1String("url"),
             QLatin1String("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")},
            {QLatin1String("extension"), QJsonArray{QJsonObject{{QLatin1String("url"), QLatin1String("token")},
                                                                {QLatin1String("valueUri"), text(m_ctx.tokenUrl())}}}}};
        rest.insert(QLatin1String("security"),
                    QJsonObject{{QLatin1String("extension"), QJsonArray{oauth}},
                                {QLatin1String("service"),
                                 QJsonArray{QJsonObject{{QLatin1String("text"), QLatin1String("SMART-on-FHIR")}}}}});
    }
    const QJsonObject capability{
        {QLatin1String("resourceType"), QLatin1String("CapabilityStatement")},
        {QLatin1String("status"), QLatin1String("active")},
        {QLatin1String("date"), text(TimeFormat::instant(m_ctx.clock.wallNow(), false))},
        {QLatin1String("publisher"), text(persona.publisher())},
        {QLatin1String("kind"), QLatin1String("instance")},
        {QLatin1String("software"), QJsonObject{{QLatin1String("name"), text(persona.softwareName())},
                                                {QLatin1String("version"), QLatin1String(FERRY_VERSION)}}},
        {QLatin1String("implementation"),
         QJsonObject{
             {QLatin1String("description"), QStringLiteral("Ferry sandbox, persona %1").arg(text(persona.name()))},
             {QLatin1String("url"), text(m_ctx.fhirBase())}}},
        {QLatin1String("fhirVersion"), QLatin1String("4.0.1")},
        {QLatin1String("format"), QJsonArray{QLatin1String("json")}},
        {QLatin1String("instantiates"),
         QJsonArray{QLatin1String("http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data")}},
        {QLatin1String("rest"), QJsonArray{rest}},
    };
    return fhirJson(capability);
}

HttpResponse MetadataHandler::smartConfiguration() const
{
    if (!m_ctx.authEnabled()) {
        return Outcome::response(404, "not-found", "Authorization is off on this sandbox (--auth none)");
    }
    QJsonArray algs;
    for (const QByteArray &alg : m_ctx.persona->signingAlgorithms()) {
        algs.append(text(alg));
    }
    QJsonArray methods;
    if (m_ctx.config.auth == SandboxConfig::AuthMode::Smart) {
        methods.append(QLatin1String("private_key_jwt"));
    } else if (m_ctx.config.auth == SandboxConfig::AuthMode::ClientSecret) {
        methods.append(QLatin1String("client_secret_basic"));
        methods.append(QLatin1String("client_secret_post"));
    }
    QJsonArray scopes{QLatin1String("system/*.read")};
    if (m_ctx.persona->acceptsV2Scopes()) {
        scopes.append(QLatin1String("system/*.rs"));
    }
    QJsonObject config{
        {QLatin1String("issuer"), text(m_ctx.fhirBase())},
        {QLatin1String("token_endpoint"), text(m_ctx.tokenUrl())},
        {QLatin1String("grant_types_supported"), QJsonArray{QLatin1String("client_credentials")}},
        {QLatin1String("token_endpoint_auth_methods_supported"), methods},
        {QLatin1String("token_endpoint_auth_signing_alg_values_supported"), algs},
        {QLatin1String("scopes_supported"), scopes},
    };
    QJsonArray capabilities{QLatin1String("client-confidential-asymmetric"),
                            QLatin1String("client-confidential-symmetric"), QLatin1String("permission-v1")};
    if (m_ctx.persona->acceptsV2Scopes()) {
        capabilities.append(QLatin1String("permission-v2"));
    }
    config.insert(QLatin1String("capabilities"), capabilities);
    m_ctx.persona->decorateSmartConfiguration(config);
    return HttpResponse::json(200, QJsonDocument(config).toJson(QJsonDocument::Compact));
}

QJsonObject MetadataHandler::groupResource(const GroupRegistry::Group &group, bool withMembers) const
{
    QJsonObject o{{QLatin1String("resourceType"), QLatin1String("Group")},
                  {QLatin1String("id"), text(group.id)},
                  {QLatin1String("type"), QLatin1String("person")},
                  {QLatin1String("actual"), true},
                  {QLatin1String("name"), text(group.name)},
                  {QLatin1String("quantity"), static_cast<qint64>(group.members.size())}};
    if (withMembers && group.members.size() <= kMaxMembersListed) {
        QJsonArray members;
        for (const quint32 p : group.members) {
            const QByteArray id = m_ctx.population->id(ResourceKey{p, 0, ResourceType::Patient, false});
            members.append(QJsonObject{
                {QLatin1String("entity"), QJsonObject{{QLatin1String("reference"), text("Patient/" + id)}}}});
        }
        o.insert(QLatin1String("member"), members);
    }
    return o;
}

HttpResponse MetadataHandler::groupSearch(const HttpRequest &request) const
{
    const QList<QueryItem> query = QueryString::parse(request.query);
    const QByteArray name = QueryString::firstValue(query, "name");
    const QByteArray countText = QueryString::firstValue(query, "_count");
    const int count = countText.isEmpty() ? 100 : countText.toInt();
    QJsonArray entries;
    for (const GroupRegistry::Group *group : m_ctx.groups.all()) {
        if (!name.isEmpty() && !group->name.toLower().startsWith(name.toLower()) &&
            !group->id.toLower().startsWith(name.toLower())) {
            continue;
        }
        if (entries.size() >= count) {
            break;
        }
        entries.append(
            QJsonObject{{QLatin1String("fullUrl"), text(m_ctx.fhirBase() + "/Group/" + group->id)},
                        {QLatin1String("resource"), groupResource(*group, false)},
                        {QLatin1String("search"), QJsonObject{{QLatin1String("mode"), QLatin1String("match")}}}});
    }
    const QJsonObject bundle{{QLatin1String("resourceType"), QLatin1String("Bundle")},
                             {QLatin1String("type"), QLatin1String("searchset")},
                             {QLatin1String("total"), entries.size()},
                             {QLatin1String("entry"), entries}};
    return fhirJson(bundle);
}

HttpResponse MetadataHandler::groupRead(const QByteArray &id) const
{
    const GroupRegistry::Group *group = m_ctx.groups.find(id);
    if (!group) {
        return Outcome::response(404, "not-found", "Group/" + id + " was not found");
    }
    return fhirJson(groupResource(*group, true));
}
