#include "selftest/sandboxfixture.h"

#include "selftest/authprobe.h"

bool SandboxFixture::start(SandboxConfig config, QString *error)
{
    config.quiet = true;
    if (config.patients == 200) {
        config.patients = 60;
    }
    m_probe.reset();
    m_http.reset();
    m_server = std::make_unique<SandboxServer>(config);
    if (!m_server->listen(error)) {
        return false;
    }
    m_http = std::make_unique<RawHttpClient>(m_server->fhirBase());
    m_probe = std::make_unique<ExportProbe>(*m_http);
    return true;
}

QByteArray SandboxFixture::path(const QByteArray &rest) const
{
    return m_server->fhirBase().path().toUtf8() + rest;
}

QByteArray SandboxFixture::tokenPath() const
{
    return m_server->tokenUrl().path().toUtf8();
}

QJsonObject SandboxFixture::truthTypes(const QByteArray &statusUrl) const
{
    QByteArray id = statusUrl.mid(statusUrl.lastIndexOf('/') + 1);
    if (id.contains("_jobId=")) {
        id = id.mid(id.indexOf("_jobId=") + 7);
    }
    return m_server->truth(id).value(QLatin1String("types")).toObject();
}

int SandboxFixture::truthCount(const QByteArray &statusUrl, const char *type) const
{
    return truthTypes(statusUrl).value(QLatin1String(type)).toObject().value(QLatin1String("count")).toInt();
}

ClientRegistration SandboxFixture::client(const QByteArray &id, const QJsonObject &jwks, const QByteArrayList &scopes,
                                          const QByteArray &secret)
{
    ClientRegistration c;
    c.clientId = id;
    c.jwks = jwks;
    c.scopes = scopes;
    c.clientSecret = secret;
    return c;
}

QByteArray SandboxFixture::smartBearer(const JwtSigner &signer, const QByteArray &clientId, const QByteArray &scope)
{
    const QByteArray assertion = signer.assertion(clientId, m_server->tokenUrl().toString().toUtf8());
    const RawResponse r = AuthProbe::postToken(*m_http, AuthProbe::assertionForm(assertion, scope), {}, tokenPath());
    return r.status == 200 ? AuthProbe::bearer(r) : QByteArray();
}

QByteArray SandboxFixture::secretBearer(const QByteArray &clientId, const QByteArray &secret, const QByteArray &scope)
{
    const RawResponse r = AuthProbe::postToken(
        *m_http, "grant_type=client_credentials&scope=" + QUrl::toPercentEncoding(QString::fromUtf8(scope)),
        {{"Authorization", "Basic " + QByteArray(clientId + ':' + secret).toBase64()}}, tokenPath());
    return r.status == 200 ? AuthProbe::bearer(r) : QByteArray();
}
