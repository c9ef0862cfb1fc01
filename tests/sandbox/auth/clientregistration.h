#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QJsonObject>

// One registered client, as read from --client-config (JSON) or given through the C++ API. Which fields matter
// depends on --auth: smart uses jwks/jwksUrl, client-secret uses clientSecret, static uses staticToken, headers
// uses clientSecret + userId (1upHealth-style client_id / client_secret / x-oneup-user-id headers).
struct ClientRegistration
{
    QByteArray clientId;
    QByteArray clientSecret;
    QByteArray staticToken;
    QByteArray userId;
    QJsonObject jwks;      // {"keys":[...]} public keys, inline
    QByteArray jwksUrl;    // or fetched over HTTP (loopback) when a token is requested
    QByteArrayList scopes; // allowed scopes, e.g. system/*.read system/Patient.rs
};
