#pragma once

#include "auth/authorizer.h"

class Clock;

// A bearer token the user pasted. It cannot be renewed: a 401 ends the job with a message saying so.
// When the token is a JWT its `exp` claim is read (not verified) to show when it expires, and an expired token is
// reported before any request is sent. A pasted "Bearer " prefix is dropped.
class StaticTokenAuthorizer : public Authorizer
{
    Q_OBJECT

public:
    explicit StaticTokenAuthorizer(const QString &token, QObject *parent = nullptr);
    ~StaticTokenAuthorizer() override;

    // The clock that decides whether a JWT has expired; Clock::system() unless set. Must outlive the authorizer.
    void setClock(const Clock *clock) { m_clock = clock; }

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
    const Clock *m_clock;
};
