#pragma once

#include "auth/authorizer.h"

// A bearer token the user pasted. It cannot be renewed: a 401 ends the job with a message saying so.
// When the token is a JWT its `exp` claim is read (not verified) to show when it expires.
class StaticTokenAuthorizer : public Authorizer
{
    Q_OBJECT

public:
    explicit StaticTokenAuthorizer(const QString &token, QObject *parent = nullptr);
    ~StaticTokenAuthorizer() override;

    void apply(QNetworkRequest &request) const override;
    QDateTime expiresAt() const override { return m_expiresAt; }
    QString describe() const override;

    // The `exp` of a JWT-shaped token, or an invalid QDateTime.
    static QDateTime jwtExpiry(const QString &token);

protected:
    bool isFresh() const override;
    void renew() override;

private:
    QString m_token;
    QDateTime m_expiresAt;
};
