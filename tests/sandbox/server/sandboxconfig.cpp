#include "server/sandboxconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

QByteArrayList stringList(const QJsonValue &value)
{
    QByteArrayList out;
    if (value.isString()) {
        for (const QString &s : value.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            out.append(s.toUtf8());
        }
    }
    for (const QJsonValue &v : value.toArray()) {
        out.append(v.toString().toUtf8());
    }
    return out;
}

ClientRegistration readClient(const QJsonObject &o)
{
    ClientRegistration c;
    c.clientId = o.value(QLatin1String("client_id")).toString().toUtf8();
    c.clientSecret = o.value(QLatin1String("client_secret")).toString().toUtf8();
    c.staticToken = o.value(QLatin1String("static_token")).toString().toUtf8();
    c.userId = o.value(QLatin1String("user_id")).toString().toUtf8();
    c.jwks = o.value(QLatin1String("jwks")).toObject();
    c.jwksUrl = o.value(QLatin1String("jwks_url")).toString().toUtf8();
    c.scopes = stringList(o.value(QLatin1String("scopes")));
    if (c.scopes.isEmpty()) {
        c.scopes = stringList(o.value(QLatin1String("scope")));
    }
    return c;
}

} // namespace

QString SandboxConfig::authModeName(AuthMode mode)
{
    switch (mode) {
    case AuthMode::None:
        return QStringLiteral("none");
    case AuthMode::Smart:
        return QStringLiteral("smart");
    case AuthMode::ClientSecret:
        return QStringLiteral("client-secret");
    case AuthMode::Static:
        return QStringLiteral("static");
    case AuthMode::Headers:
        return QStringLiteral("headers");
    }
    return {};
}

std::optional<SandboxConfig::AuthMode> SandboxConfig::authModeFromName(const QString &name)
{
    for (const AuthMode m :
         {AuthMode::None, AuthMode::Smart, AuthMode::ClientSecret, AuthMode::Static, AuthMode::Headers}) {
        if (authModeName(m) == name) {
            return m;
        }
    }
    return std::nullopt;
}

QString SandboxConfig::loadClientConfig()
{
    if (clientConfigPath.isEmpty()) {
        return {};
    }
    QFile file(clientConfigPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("cannot read client config %1: %2").arg(clientConfigPath, file.errorString());
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        return QStringLiteral("client config %1 is not JSON: %2").arg(clientConfigPath, error.errorString());
    }
    // Accepts {"clients":[...]}, a bare array, or a single client object.
    QJsonArray list = doc.isArray() ? doc.array() : doc.object().value(QLatin1String("clients")).toArray();
    if (doc.isObject() && !doc.object().contains(QLatin1String("clients"))) {
        list = QJsonArray{doc.object()};
    }
    for (const QJsonValue &v : list) {
        const ClientRegistration c = readClient(v.toObject());
        if (c.clientId.isEmpty()) {
            return QStringLiteral("client config %1: every client needs a client_id").arg(clientConfigPath);
        }
        clients.append(c);
    }
    return {};
}
