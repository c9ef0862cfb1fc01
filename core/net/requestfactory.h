#pragma once

#include "vendor/vendorprofile.h"

#include <QNetworkRequest>
#include <QString>
#include <QUrl>

#include <chrono>

class Authorizer;

// What a request is for; decides Accept and the other protocol headers.
enum class RequestRole { Kickoff, Status, File, Delete, Fhir };

// Builds every request Ferry sends (STYLE rule 7): its own User-Agent, the role's Accept/Prefer, a transfer
// timeout reset by activity, manual redirects (NetworkJob follows them itself so credentials never leak), and —
// only for the FHIR server's own origin and only when the caller allows it — the credential and vendor headers.
class RequestFactory
{
public:
    RequestFactory(const QUrl &fhirBase, const VendorProfile &profile);

    void setAuthorizer(Authorizer *authorizer) { m_authorizer = authorizer; }
    Authorizer *authorizer() const { return m_authorizer; }
    // Substituted for {clientId} in the profile's extra headers (Epic-Client-ID).
    void setClientId(const QString &clientId) { m_clientId = clientId; }
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }
    std::chrono::milliseconds transferTimeout() const { return m_transferTimeout; }

    // `credentials` is the caller's policy (a file of a manifest with requiresAccessToken=false passes false);
    // the factory additionally refuses any origin other than the FHIR server's.
    QNetworkRequest make(RequestRole role, const QUrl &url, bool credentials) const;
    bool isFhirOrigin(const QUrl &url) const;
    const QUrl &fhirBase() const { return m_base; }
    const VendorProfile &profile() const { return m_profile; }

    static QByteArray userAgent();

private:
    QUrl m_base;
    VendorProfile m_profile;
    Authorizer *m_authorizer = nullptr;
    QString m_clientId;
    std::chrono::milliseconds m_transferTimeout{std::chrono::seconds(120)};
};
