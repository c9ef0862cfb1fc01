#pragma once

#include "auth/authorizer.h"

#include <QByteArray>
#include <QList>
#include <QString>

// One header an authorizer adds to every request to the FHIR origin.
struct AuthHeader
{
    QByteArray name;
    QString value;
    bool secret = false; // from the secret store: registered with the Redactor, never written to a profile
};

// For vendors that authenticate each request by fixed header pairs instead of OAuth — 1upHealth's client_id,
// client_secret and x-oneup-user-id. Nothing to renew: a 401 ends the job with a message saying so.
class HeaderAuthorizer : public Authorizer
{
    Q_OBJECT

public:
    explicit HeaderAuthorizer(const QList<AuthHeader> &headers, QObject *parent = nullptr);
    ~HeaderAuthorizer() override;

    void apply(QNetworkRequest &request) const override;
    QString describe() const override;

    // A header name is an RFC 9110 token; a value has no control characters (no header injection).
    static bool isValidName(const QByteArray &name);
    static bool isValidValue(const QString &value);

protected:
    bool isFresh() const override;
    void renew() override;

private:
    QString problem() const;

    QList<AuthHeader> m_headers;
};
