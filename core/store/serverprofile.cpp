#include "store/serverprofile.h"

#include "auth/headerauthorizer.h"
#include "auth/signingkey.h"
#include "auth/tokenendpointdiscovery.h"
#include "store/secretstore.h"
#include "vendor/vendorprofile.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ServerProfile", text);
}

struct MethodName
{
    AuthMethod method;
    const char *name;
};
constexpr MethodName kMethods[] = {{AuthMethod::None, "none"},
                                   {AuthMethod::StaticToken, "static-token"},
                                   {AuthMethod::SmartBackend, "smart"},
                                   {AuthMethod::ClientSecret, "client-secret"},
                                   {AuthMethod::Headers, "headers"}};

// Field names that only a secret would have. Found in a profiles file, they are dropped with a warning: someone
// pasted a secret into a config file, which is exactly what Ferry exists to prevent.
bool looksLikeSecretKey(const QString &key)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(client[_-]?secret|secret|password|passphrase|(access[_-]?|bearer[_-]?)?token|"
                       "private[_-]?key|pem|jwk|api[_-]?key)$"),
        QRegularExpression::CaseInsensitiveOption);
    return pattern.match(key).hasMatch();
}

QString urlText(const QUrl &url)
{
    return url.isEmpty() ? QString() : url.toString(QUrl::FullyEncoded);
}

QUrl readUrl(const QJsonObject &json, const char *key)
{
    const QString text = json.value(QLatin1String(key)).toString();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

void insertIfSet(QJsonObject &json, const char *key, const QString &value)
{
    if (!value.isEmpty()) {
        json.insert(QLatin1String(key), value);
    }
}

} // namespace

QString ServerProfile::authMethodName(AuthMethod method)
{
    for (const auto &m : kMethods) {
        if (m.method == method) {
            return QString::fromLatin1(m.name);
        }
    }
    return {};
}

std::optional<AuthMethod> ServerProfile::authMethodFromName(const QString &name)
{
    for (const auto &m : kMethods) {
        if (name == QLatin1String(m.name)) {
            return m.method;
        }
    }
    return std::nullopt;
}

QStringList ServerProfile::secretNames() const
{
    switch (authMethod) {
    case AuthMethod::None:
        return {};
    case AuthMethod::StaticToken:
        return {QString::fromLatin1(SecretStore::kToken)};
    case AuthMethod::SmartBackend:
        return {QString::fromLatin1(SecretStore::kPrivateKey)};
    case AuthMethod::ClientSecret:
        return {QString::fromLatin1(SecretStore::kClientSecret)};
    case AuthMethod::Headers:
        break;
    }
    QStringList names;
    for (const ProfileHeader &h : headers) {
        if (h.secret) {
            names << SecretStore::headerSecretName(h.name);
        }
    }
    return names;
}

QStringList ServerProfile::allSecretNames() const
{
    QStringList names{QString::fromLatin1(SecretStore::kPrivateKey), QString::fromLatin1(SecretStore::kClientSecret),
                      QString::fromLatin1(SecretStore::kToken)};
    for (const ProfileHeader &h : headers) {
        names << SecretStore::headerSecretName(h.name);
    }
    names.removeDuplicates();
    return names;
}

bool ServerProfile::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

bool ServerProfile::isValidId(const QString &id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    return pattern.match(id).hasMatch();
}

QString ServerProfile::makeId(const QString &displayName, const QStringList &taken)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    // Decomposed, accents dropped: "Clínica" → "clinica".
    QString base = displayName.normalized(QString::NormalizationForm_KD).toLower();
    base.removeIf([](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
    base.replace(separators, QStringLiteral("-"));
    while (base.startsWith(QLatin1Char('-'))) {
        base.remove(0, 1);
    }
    base.truncate(40);
    while (base.endsWith(QLatin1Char('-'))) {
        base.chop(1);
    }
    if (base.isEmpty()) {
        base = QStringLiteral("server");
    }
    QString id = base;
    for (int n = 2; taken.contains(id); ++n) {
        id = base + QLatin1Char('-') + QString::number(n);
    }
    return id;
}

QStringList ServerProfile::problems(const VendorProfile &vendor, QStringList *warnings) const
{
    QStringList errors;
    QStringList notes;
    if (!isValidId(id)) {
        errors << tr("The profile id \"%1\" may only hold lower-case letters, digits, '.', '_' and '-'.").arg(id);
    }
    if (displayName.trimmed().isEmpty()) {
        errors << tr("Give the server a name.");
    }
    if (!fhirBase.isValid() || fhirBase.host().isEmpty()) {
        errors << tr("Enter the FHIR server's base URL (https://…).");
    } else if (fhirBase.scheme() != QLatin1String("https") &&
               !(fhirBase.scheme() == QLatin1String("http") && isLoopback(fhirBase))) {
        errors << tr("The FHIR base URL must start with https:// (plain http is allowed only for this computer).");
    }
    const bool oauth = authMethod == AuthMethod::SmartBackend || authMethod == AuthMethod::ClientSecret;
    if (oauth && clientId.trimmed().isEmpty()) {
        errors << tr("Enter the client ID the server registered for Ferry.");
    }
    if (oauth && !tokenUrl.isEmpty() && !TokenEndpointDiscovery::isAcceptableTokenUrl(tokenUrl)) {
        errors << tr("The token URL must start with https://.");
    }
    if (authMethod == AuthMethod::SmartBackend) {
        if (!algorithm.isEmpty() && !SigningKey::algorithmFromName(algorithm)) {
            errors << tr("The signing algorithm must be RS384 or ES384.");
        } else if (!algorithm.isEmpty() && !vendor.signingAlgorithms.contains(algorithm, Qt::CaseInsensitive)) {
            errors << tr("%1 accepts only %2 keys; generate or import a key of that kind.")
                          .arg(vendor.displayName, vendor.signingAlgorithms.join(tr(" or ")));
        }
        if (!jwksUrl.isEmpty() && !TokenEndpointDiscovery::isAcceptableTokenUrl(jwksUrl)) {
            errors << tr("The JWKS URL must start with https://.");
        }
        if (vendor.jkuRequired && jwksUrl.isEmpty()) {
            notes << tr("%1 requires the public key to be hosted at a JWKS URL that is registered with the client; "
                        "enter that URL so Ferry can name it in its assertions.")
                         .arg(vendor.displayName);
        }
    }
    if (authMethod == AuthMethod::Headers) {
        if (headers.isEmpty()) {
            errors << tr("Add the headers the server expects (for example client_id and client_secret).");
        }
        QSet<QString> seen;
        for (const ProfileHeader &h : headers) {
            if (!HeaderAuthorizer::isValidName(h.name.toUtf8())) {
                errors << tr("\"%1\" is not a valid header name.").arg(h.name);
            } else if (seen.contains(h.name.toLower())) {
                errors << tr("The header %1 is listed twice.").arg(h.name);
            }
            seen.insert(h.name.toLower());
            if (!h.secret && (h.value.isEmpty() || !HeaderAuthorizer::isValidValue(h.value))) {
                errors << tr("Enter a value for the header %1 (without line breaks).").arg(h.name);
            }
        }
    }
    for (const ProfileGroup &g : groups) {
        if (g.id.trimmed().isEmpty()) {
            errors << tr("A group has no id.");
        }
    }
    if (parallelDownloads && (*parallelDownloads < 1 || *parallelDownloads > 32)) {
        errors << tr("Parallel downloads must be between 1 and 32.");
    }
    if (pollMinimum && pollMaximum && *pollMinimum > *pollMaximum) {
        errors << tr("The shortest wait between status checks is longer than the longest.");
    }
    if (warnings) {
        *warnings = notes;
    }
    return errors;
}

QJsonObject ServerProfile::toJson() const
{
    QJsonObject json;
    json.insert(QLatin1String("id"), id);
    json.insert(QLatin1String("displayName"), displayName);
    json.insert(QLatin1String("fhirBase"), urlText(fhirBase));
    json.insert(QLatin1String("vendor"), vendorId);

    QJsonObject auth;
    auth.insert(QLatin1String("method"), authMethodName(authMethod));
    insertIfSet(auth, "clientId", clientId);
    insertIfSet(auth, "tokenUrl", urlText(tokenUrl));
    insertIfSet(auth, "scope", scope);
    insertIfSet(auth, "algorithm", algorithm);
    insertIfSet(auth, "kid", kid);
    insertIfSet(auth, "jwksUrl", urlText(jwksUrl));
    auth.insert(QLatin1String("clientSecretStyle"), secretInBody ? QLatin1String("form") : QLatin1String("basic"));
    QJsonArray headerArray;
    for (const ProfileHeader &h : headers) {
        QJsonObject item{{QLatin1String("name"), h.name}, {QLatin1String("secret"), h.secret}};
        if (!h.secret) {
            item.insert(QLatin1String("value"), h.value);
        }
        headerArray.append(item);
    }
    auth.insert(QLatin1String("headers"), headerArray);
    json.insert(QLatin1String("auth"), auth);

    QJsonArray groupArray;
    for (const ProfileGroup &g : groups) {
        groupArray.append(QJsonObject{{QLatin1String("id"), g.id}, {QLatin1String("label"), g.label}});
    }
    json.insert(QLatin1String("groups"), groupArray);
    json.insert(QLatin1String("defaultTypes"), QJsonArray::fromStringList(defaultTypes));
    insertIfSet(json, "destination", destination);

    QJsonObject overrides;
    if (pollMinimum) {
        overrides.insert(QLatin1String("pollMinimumSeconds"), static_cast<qint64>(pollMinimum->count()));
    }
    if (pollMaximum) {
        overrides.insert(QLatin1String("pollMaximumSeconds"), static_cast<qint64>(pollMaximum->count()));
    }
    if (parallelDownloads) {
        overrides.insert(QLatin1String("parallelDownloads"), *parallelDownloads);
    }
    if (deleteAfterDownload) {
        overrides.insert(QLatin1String("deleteAfterDownload"), *deleteAfterDownload);
    }
    json.insert(QLatin1String("overrides"), overrides);
    return json;
}

std::optional<ServerProfile> ServerProfile::fromJson(const QJsonObject &json, QString *error, QStringList *warnings)
{
    ServerProfile p;
    p.id = json.value(QLatin1String("id")).toString();
    if (!isValidId(p.id)) {
        *error = tr("a profile has no valid id (\"%1\")").arg(p.id);
        return std::nullopt;
    }
    auto warn = [&](const QString &text) {
        if (warnings) {
            *warnings << text;
        }
    };
    const QJsonObject auth = json.value(QLatin1String("auth")).toObject();
    for (const QJsonObject &object : {json, auth}) {
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (looksLikeSecretKey(it.key())) {
                warn(tr("Profile %1: ignored the field \"%2\" — secrets belong in the system keychain, never in "
                        "the profiles file. Enter it in the server's settings instead, and remove it from the file.")
                         .arg(p.id, it.key()));
            }
        }
    }

    p.displayName = json.value(QLatin1String("displayName")).toString(p.id);
    p.fhirBase = readUrl(json, "fhirBase");
    p.vendorId = json.value(QLatin1String("vendor")).toString(p.vendorId);

    const QString method = auth.value(QLatin1String("method")).toString(authMethodName(p.authMethod));
    const std::optional<AuthMethod> parsed = authMethodFromName(method);
    if (!parsed) {
        *error = tr("profile %1: unknown auth method \"%2\"").arg(p.id, method);
        return std::nullopt;
    }
    p.authMethod = *parsed;
    p.clientId = auth.value(QLatin1String("clientId")).toString();
    p.tokenUrl = readUrl(auth, "tokenUrl");
    p.scope = auth.value(QLatin1String("scope")).toString();
    p.algorithm = auth.value(QLatin1String("algorithm")).toString();
    p.kid = auth.value(QLatin1String("kid")).toString();
    p.jwksUrl = readUrl(auth, "jwksUrl");
    p.secretInBody = auth.value(QLatin1String("clientSecretStyle")).toString() == QLatin1String("form");
    const QJsonArray headerArray = auth.value(QLatin1String("headers")).toArray();
    for (const QJsonValue &v : headerArray) {
        const QJsonObject item = v.toObject();
        ProfileHeader h;
        h.name = item.value(QLatin1String("name")).toString();
        h.secret = item.value(QLatin1String("secret")).toBool();
        if (h.secret && !item.value(QLatin1String("value")).toString().isEmpty()) {
            warn(tr("Profile %1: ignored the value of the secret header %2 found in the profiles file; enter it in "
                    "the server's settings so it goes to the system keychain.")
                     .arg(p.id, h.name));
        } else if (!h.secret) {
            h.value = item.value(QLatin1String("value")).toString();
        }
        p.headers.append(h);
    }

    const QJsonArray groupArray = json.value(QLatin1String("groups")).toArray();
    for (const QJsonValue &v : groupArray) {
        const QJsonObject item = v.toObject();
        p.groups.append({item.value(QLatin1String("id")).toString(), item.value(QLatin1String("label")).toString()});
    }
    const QJsonArray types = json.value(QLatin1String("defaultTypes")).toArray();
    for (const QJsonValue &v : types) {
        p.defaultTypes << v.toString();
    }
    p.destination = json.value(QLatin1String("destination")).toString();

    const QJsonObject overrides = json.value(QLatin1String("overrides")).toObject();
    if (overrides.value(QLatin1String("pollMinimumSeconds")).isDouble()) {
        p.pollMinimum = std::chrono::seconds(overrides.value(QLatin1String("pollMinimumSeconds")).toInteger());
    }
    if (overrides.value(QLatin1String("pollMaximumSeconds")).isDouble()) {
        p.pollMaximum = std::chrono::seconds(overrides.value(QLatin1String("pollMaximumSeconds")).toInteger());
    }
    if (overrides.value(QLatin1String("parallelDownloads")).isDouble()) {
        p.parallelDownloads = overrides.value(QLatin1String("parallelDownloads")).toInt();
    }
    if (overrides.value(QLatin1String("deleteAfterDownload")).isBool()) {
        p.deleteAfterDownload = overrides.value(QLatin1String("deleteAfterDownload")).toBool();
    }
    return p;
}
