#pragma once

#include "selftest/exportprobe.h"
#include "selftest/jwtsigner.h"
#include "selftest/rawhttpclient.h"
#include "server/sandboxserver.h"

#include <memory>

// One in-process sandbox plus a raw client, for the persona self-tests.
class SandboxFixture
{
public:
    // Starts a sandbox with `config` (quiet, 60 patients unless set); false if it cannot listen.
    bool start(SandboxConfig config, QString *error = nullptr);

    SandboxServer &server() { return *m_server; }
    RawHttpClient &http() { return *m_http; }
    ExportProbe &probe() { return *m_probe; }
    // The FHIR base's path ("/fhir", "/r4/<tenant>", ...) followed by rest.
    QByteArray path(const QByteArray &rest) const;
    QByteArray tokenPath() const;
    QJsonObject truthTypes(const QByteArray &statusUrl) const;
    int truthCount(const QByteArray &statusUrl, const char *type) const;

    static ClientRegistration client(const QByteArray &id, const QJsonObject &jwks,
                                     const QByteArrayList &scopes = {"system/*.read"}, const QByteArray &secret = {});
    // "Bearer <token>" from the token endpoint with a SMART assertion ("" when refused).
    QByteArray smartBearer(const JwtSigner &signer, const QByteArray &clientId,
                           const QByteArray &scope = "system/*.read");
    QByteArray secretBearer(const QByteArray &clientId, const QByteArray &secret,
                            const QByteArray &scope = "system/*.read");

private:
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<RawHttpClient> m_http;
    std::unique_ptr<ExportProbe> m_probe;
};
