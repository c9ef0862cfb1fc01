#pragma once

#include "selftest/jwtsigner.h"
#include "selftest/rawhttpclient.h"
#include "server/sandboxserver.h"

#include <memory>

// The auth self-tests' shared set-up: one RS384 and one ES384 key, and an in-process sandbox that knows the
// client "ferry-test" by both keys (scopes system/*.read and system/*.rs, secret "s3cret") unless the
// configuration registers clients of its own.
struct AuthFixture
{
    std::unique_ptr<JwtSigner> rsa;
    std::unique_ptr<JwtSigner> ec;
    std::unique_ptr<SandboxServer> server;
    std::unique_ptr<RawHttpClient> http;
    QByteArray tokenUrl;

    void createKeys();
    // Starts the sandbox (40 patients, no polls, quiet); false with `error` set when it cannot listen.
    bool start(SandboxConfig config, QString *error);
    // An access token for "ferry-test" from an RS384 assertion ("" when refused).
    QByteArray token(const QByteArray &scope = "system/*.read") const;
};
