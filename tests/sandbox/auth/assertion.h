#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <optional>

// A SMART Backend Services client assertion (compact JWS), split and decoded but not yet trusted.
struct Assertion
{
    QJsonObject header;
    QJsonObject claims;
    QByteArray signingInput; // base64url(header) '.' base64url(payload)
    QByteArray signature;    // decoded
    QByteArray alg;
    QByteArray kid;
    QByteArray jku;

    static std::optional<Assertion> parse(const QByteArray &compact, QByteArray *error);
    QByteArray claim(const char *name) const;
};
