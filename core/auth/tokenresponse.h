#pragma once

#include "auth/authorizer.h"

#include <QByteArray>
#include <QString>

#include <optional>

struct AuthHttpResult;

// A token endpoint's answer to a client_credentials request (RFC 6749 §5.1), and the failure text for the answers
// that are not one (§5.2 errors, bare 400s, gateway pages, network trouble).
struct TokenResponse
{
    QString accessToken;
    QString tokenType;
    std::optional<qint64> expiresIn; // seconds; servers send a number or (CMS BCDA) a numeric string
    QString scope;                   // what was granted; may differ from what was asked

    // Reads a 2xx body; nullopt with `problem` set when it holds no usable access token.
    static std::optional<TokenResponse> parse(const QByteArray &body, QString *problem);

    // True for an HTTP 400 with no OAuth error object: Epic's token endpoint answers so intermittently, and the
    // same request a few seconds later succeeds.
    static bool isBare400(const AuthHttpResult &result);

    // What a person reads when `result` produced no token. `credentialHint` is the authorizer's advice for
    // invalid_client ("check that the key with kid … is registered").
    static AuthFailure failure(const AuthHttpResult &result, const QString &credentialHint);
};
