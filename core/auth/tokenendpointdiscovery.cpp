#include "auth/tokenendpointdiscovery.h"

#include "auth/authhttpjob.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace {

const QLatin1String kOauthUris("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString()) {
            out << item.toString();
        }
    }
    return out;
}

QString describeFailure(const AuthHttpResult &result)
{
    if (result.outcome == AuthHttpResult::Outcome::Answered) {
        return QObject::tr("HTTP %1").arg(result.response.status);
    }
    return result.error;
}

// rest[].security.extension[oauth-uris].extension[token].valueUri
QString capabilityTokenUrl(const QJsonObject &capability)
{
    const QJsonArray rest = capability.value(QLatin1String("rest")).toArray();
    for (const QJsonValue &r : rest) {
        const QJsonArray extensions =
            r.toObject().value(QLatin1String("security")).toObject().value(QLatin1String("extension")).toArray();
        for (const QJsonValue &e : extensions) {
            const QJsonObject ext = e.toObject();
            if (ext.value(QLatin1String("url")).toString() != kOauthUris) {
                continue;
            }
            const QJsonArray inner = ext.value(QLatin1String("extension")).toArray();
            for (const QJsonValue &i : inner) {
                const QJsonObject item = i.toObject();
                if (item.value(QLatin1String("url")).toString() == QLatin1String("token")) {
                    return item.value(QLatin1String("valueUri"))
                        .toString(item.value(QLatin1String("valueUrl")).toString());
                }
            }
        }
    }
    return {};
}

} // namespace

bool TokenEndpointInfo::prefersV2Scopes() const
{
    return capabilities.contains(QLatin1String("permission-v2")) &&
           !capabilities.contains(QLatin1String("permission-v1"));
}

QString TokenEndpointInfo::sourceName(Source source)
{
    switch (source) {
    case Source::WellKnown:
        return QObject::tr(".well-known/smart-configuration");
    case Source::CapabilityStatement:
        return QObject::tr("the CapabilityStatement (oauth-uris extension)");
    case Source::Configured:
        return QObject::tr("the server's settings (configured token URL)");
    case Source::None:
        break;
    }
    return QObject::tr("nowhere");
}

TokenEndpointDiscovery::TokenEndpointDiscovery(QNetworkAccessManager *nam, const QUrl &fhirBase,
                                               const QUrl &configuredTokenUrl, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_base(fhirBase)
    , m_configured(configuredTokenUrl)
{
}

TokenEndpointDiscovery::~TokenEndpointDiscovery() = default;

bool TokenEndpointDiscovery::isAcceptableTokenUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty()) {
        return false;
    }
    if (url.scheme() == QLatin1String("https")) {
        return true;
    }
    const QString host = url.host();
    return url.scheme() == QLatin1String("http") &&
           (host == QLatin1String("localhost") || QHostAddress(host).isLoopback());
}

QUrl TokenEndpointDiscovery::endpoint(const QString &path) const
{
    QUrl url = m_base;
    QString basePath = url.path();
    if (!basePath.endsWith(QLatin1Char('/'))) {
        basePath += QLatin1Char('/');
    }
    url.setPath(basePath + path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void TokenEndpointDiscovery::start()
{
    if (m_configured.isValid() && !m_configured.isEmpty() && !isAcceptableTokenUrl(m_configured)) {
        m_info.notes << tr("The configured token URL %1 is not https; Ferry never sends credentials unencrypted.")
                            .arg(Redactor::url(m_configured));
        m_configured.clear();
    }
    m_job = new AuthHttpJob(m_nam, this);
    connect(m_job, &AuthHttpJob::finished, this, &TokenEndpointDiscovery::onWellKnown);
    m_job->get(endpoint(QStringLiteral(".well-known/smart-configuration")), QByteArrayLiteral("application/json"));
}

bool TokenEndpointDiscovery::acceptDiscovered(const QUrl &url, const QString &where)
{
    if (!isAcceptableTokenUrl(url)) {
        m_info.notes
            << tr("%1 names the token endpoint %2, which is not https: ignored.").arg(where, Redactor::url(url));
        return false;
    }
    m_info.discoveredUrl = url;
    m_info.notes << tr("%1: token endpoint %2").arg(where, Redactor::url(url));
    return true;
}

void TokenEndpointDiscovery::onWellKnown(const AuthHttpResult &result)
{
    m_job->deleteLater();
    const QString where = TokenEndpointInfo::sourceName(TokenEndpointInfo::Source::WellKnown);
    if (result.outcome == AuthHttpResult::Outcome::Answered && result.response.status / 100 == 2) {
        // SHALL be JSON whatever the Content-Type (servers send text/plain, application/octet-stream, …).
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(result.response.body, &error);
        const QJsonObject config = doc.object();
        if (doc.isObject()) {
            m_info.authMethods = strings(config.value(QLatin1String("token_endpoint_auth_methods_supported")));
            m_info.signingAlgorithms =
                strings(config.value(QLatin1String("token_endpoint_auth_signing_alg_values_supported")));
            m_info.scopesSupported = strings(config.value(QLatin1String("scopes_supported")));
            m_info.capabilities = strings(config.value(QLatin1String("capabilities")));
            m_info.grantTypes = strings(config.value(QLatin1String("grant_types_supported")));
            const QString token = config.value(QLatin1String("token_endpoint")).toString();
            if (!token.isEmpty() && acceptDiscovered(result.response.url.resolved(QUrl(token)), where)) {
                m_info.source = TokenEndpointInfo::Source::WellKnown;
                finish();
                return;
            }
            if (token.isEmpty()) {
                m_info.notes << tr("%1: no token_endpoint").arg(where);
            }
        } else {
            m_info.notes << tr("%1: the answer is not JSON (%2)").arg(where, error.errorString());
        }
    } else {
        m_info.notes << tr("%1: %2").arg(where, describeFailure(result));
        m_info.retryable = result.isRetryable();
    }

    m_job = new AuthHttpJob(m_nam, this);
    connect(m_job, &AuthHttpJob::finished, this, &TokenEndpointDiscovery::onMetadata);
    m_job->get(endpoint(QStringLiteral("metadata")), QByteArrayLiteral("application/fhir+json"));
}

void TokenEndpointDiscovery::onMetadata(const AuthHttpResult &result)
{
    m_job->deleteLater();
    const QString where = TokenEndpointInfo::sourceName(TokenEndpointInfo::Source::CapabilityStatement);
    if (result.outcome == AuthHttpResult::Outcome::Answered && result.response.status / 100 == 2) {
        const QString token = capabilityTokenUrl(QJsonDocument::fromJson(result.response.body).object());
        if (token.isEmpty()) {
            m_info.notes << tr("%1: no token URL").arg(where);
        } else if (acceptDiscovered(result.response.url.resolved(QUrl(token)), where)) {
            m_info.source = TokenEndpointInfo::Source::CapabilityStatement;
        }
    } else {
        m_info.notes << tr("%1: %2").arg(where, describeFailure(result));
        m_info.retryable = m_info.retryable || result.isRetryable();
    }
    finish();
}

void TokenEndpointDiscovery::finish()
{
    if (m_configured.isValid() && !m_configured.isEmpty()) {
        if (m_info.discoveredUrl.isValid() && !m_info.discoveredUrl.isEmpty() && m_info.discoveredUrl != m_configured) {
            m_info.notes << tr("The configured token URL %1 overrides the advertised %2.")
                                .arg(Redactor::url(m_configured), Redactor::url(m_info.discoveredUrl));
        }
        m_info.tokenUrl = m_configured;
        m_info.source = TokenEndpointInfo::Source::Configured;
    } else if (m_info.source != TokenEndpointInfo::Source::None) {
        m_info.tokenUrl = m_info.discoveredUrl;
    }
    // Worth retrying only when nothing was found and some step failed in a temporary way (network, 5xx, 429).
    if (m_info.found()) {
        m_info.retryable = false;
    }
    qCInfo(lcAuth).noquote() << "token endpoint discovery:" << m_info.notes.join(QStringLiteral("; "));
    emit finished(m_info);
}
