#pragma once

#include "auth/oauthauthorizer.h"
#include "auth/signingkey.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>

// SMART Backend Services (SMART App Launch 2.x, client-confidential-asymmetric): each token request carries a
// fresh client assertion — a JWT signed with the client's RS384 or ES384 key, header {alg, kid, typ:"JWT"[, jku]},
// claims {iss = sub = client_id, aud = token URL, exp ≤ 5 min ahead, unique jti, iat}.
class SmartAuthorizer : public OAuthAuthorizer
{
    Q_OBJECT

public:
    // Assertions expire this long after they are made: under SMART's 5-minute ceiling with a minute to spare for
    // a server whose clock runs behind ours.
    static constexpr std::chrono::seconds kAssertionLifetime{240};

    // `kid` empty: the key's RFC 7638 thumbprint. `jku`: the registered JWKS URL, sent in the header when set
    // (Epic and eClinicalWorks match it against the registration).
    SmartAuthorizer(QNetworkAccessManager *nam, const Clock *clock, const OAuthSettings &settings,
                    const SigningKey &key, const QString &kid = {}, const QUrl &jku = {}, QObject *parent = nullptr);
    ~SmartAuthorizer() override;

    QString describe() const override;
    QString kid() const { return m_kid; }

    // A signed client assertion for `tokenUrl` as of now (Clock time); empty with `error` set if signing failed.
    QByteArray clientAssertion(const QUrl &tokenUrl, QString *error = nullptr) const;

protected:
    bool authenticate(TokenRequest &request, AuthFailure *failure) const override;
    QString credentialHint() const override;

private:
    SigningKey m_key;
    QString m_kid;
    QUrl m_jku;
};
