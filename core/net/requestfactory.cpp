#include "net/requestfactory.h"

#include "auth/authorizer.h"

#include <QSysInfo>

RequestFactory::RequestFactory(const QUrl &fhirBase, const VendorProfile &profile)
    : m_base(fhirBase)
    , m_profile(profile)
{
}

QByteArray RequestFactory::userAgent()
{
    // Once per process: QSysInfo asks the kernel (uname) every time, and this goes on every request.
    static const QByteArray agent =
        QByteArrayLiteral("Ferry/" FERRY_VERSION " (FHIR Bulk Data client; ") + QSysInfo::kernelType().toLatin1() + ')';
    return agent;
}

bool RequestFactory::isFhirOrigin(const QUrl &url) const
{
    return url.scheme() == m_base.scheme() && url.host().compare(m_base.host(), Qt::CaseInsensitive) == 0 &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               m_base.port(m_base.scheme() == QLatin1String("https") ? 443 : 80);
}

QNetworkRequest RequestFactory::make(RequestRole role, const QUrl &url, bool credentials) const
{
    QNetworkRequest request(url);
    request.setRawHeader("User-Agent", userAgent());
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(static_cast<int>(m_transferTimeout.count()));
    // Repetitive NDJSON compresses far beyond Qt's 40× safety ratio; these are files we asked for.
    request.setDecompressedSafetyCheckThreshold(-1);

    switch (role) {
    case RequestRole::Kickoff:
    case RequestRole::Fhir:
        request.setRawHeader("Accept", "application/fhir+json");
        break;
    case RequestRole::Status:
        request.setRawHeader("Accept", "application/json");
        break;
    case RequestRole::File:
        request.setRawHeader("Accept", "application/fhir+ndjson");
        break;
    case RequestRole::Delete:
        request.setRawHeader("Accept", "application/fhir+json");
        break;
    }

    if (isFhirOrigin(url)) {
        for (const auto &[name, value] : m_profile.extraHeaders) {
            QString v = value;
            v.replace(QLatin1String("{clientId}"), m_clientId);
            if (!v.isEmpty()) {
                request.setRawHeader(name, v.toUtf8());
            }
        }
        if (credentials && m_authorizer) {
            m_authorizer->apply(request);
        }
    }
    return request;
}
