#include "selftest/authfixture.h"

#include "selftest/authprobe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

void AuthFixture::createKeys()
{
    rsa = std::make_unique<JwtSigner>(JwtSigner::Alg::RS384, "rsa-1");
    ec = std::make_unique<JwtSigner>(JwtSigner::Alg::ES384, "ec-1");
}

bool AuthFixture::start(SandboxConfig config, QString *error)
{
    config.patients = 40;
    config.polls = 0;
    config.quiet = true;
    if (config.clients.isEmpty()) {
        ClientRegistration client;
        client.clientId = "ferry-test";
        client.jwks = QJsonObject{{QLatin1String("keys"), QJsonArray{rsa->publicJwk(), ec->publicJwk()}}};
        client.scopes = {"system/*.read", "system/*.rs"};
        client.clientSecret = "s3cret";
        config.clients.append(client);
    }
    server = std::make_unique<SandboxServer>(config);
    if (!server->listen(error)) {
        return false;
    }
    http = std::make_unique<RawHttpClient>(server->fhirBase());
    tokenUrl = server->tokenUrl().toString().toUtf8();
    return true;
}

QByteArray AuthFixture::token(const QByteArray &scope) const
{
    const RawResponse r =
        AuthProbe::postToken(*http, AuthProbe::assertionForm(rsa->assertion("ferry-test", tokenUrl), scope));
    return r.json().object().value(QLatin1String("access_token")).toString().toUtf8();
}
