#include "auth/oauthauthorizer.h"

#include "auth/authhttpjob.h"
#include "auth/statictokenauthorizer.h"
#include "auth/tokenendpointdiscovery.h"
#include "auth/tokenresponse.h"
#include "util/clock.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QNetworkRequest>
#include <QTimer>

#include <algorithm>

using namespace std::chrono;

OAuthAuthorizer::OAuthAuthorizer(QNetworkAccessManager *nam, const Clock *clock, const OAuthSettings &settings,
                                 QObject *parent)
    : Authorizer(parent)
    , m_nam(nam)
    , m_clock(clock)
    , m_settings(settings)
    , m_tokenUrl(settings.tokenUrl)
{
}

OAuthAuthorizer::~OAuthAuthorizer() = default;

milliseconds OAuthAuthorizer::renewalMargin(milliseconds lifetime)
{
    return std::clamp(lifetime / 4, milliseconds(0), duration_cast<milliseconds>(minutes(1)));
}

void OAuthAuthorizer::apply(QNetworkRequest &request) const
{
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    }
}

void OAuthAuthorizer::invalidate()
{
    // During a renewal the token on its way is new anyway; dropping it would only cost another request.
    if (!m_inFlight) {
        m_token.clear();
        m_renewAt = {};
    }
}

bool OAuthAuthorizer::isFresh() const
{
    return !m_token.isEmpty() && m_clock->nowUtc() < m_renewAt;
}

void OAuthAuthorizer::renew()
{
    m_inFlight = true;
    m_attempt = 0;
    if (m_tokenUrl.isValid() && !m_tokenUrl.isEmpty()) {
        if (!TokenEndpointDiscovery::isAcceptableTokenUrl(m_tokenUrl)) {
            AuthFailure f;
            f.message = tr("The token URL %1 is not https; Ferry never sends credentials unencrypted. Correct it in "
                           "the server's settings.")
                            .arg(Redactor::url(m_tokenUrl));
            fail(f);
            return;
        }
        requestToken();
        return;
    }
    auto *discovery = new TokenEndpointDiscovery(m_nam, m_settings.fhirBase, {}, this);
    connect(discovery, &TokenEndpointDiscovery::finished, this, &OAuthAuthorizer::onDiscovered);
    connect(discovery, &TokenEndpointDiscovery::finished, discovery, &QObject::deleteLater);
    discovery->start();
}

void OAuthAuthorizer::onDiscovered(const TokenEndpointInfo &info)
{
    if (!info.found()) {
        AuthFailure f;
        f.message = tr("Could not find the token endpoint of %1 (%2). Enter the token URL in the server's settings.")
                        .arg(m_settings.fhirBase.host(), info.notes.join(QStringLiteral("; ")));
        f.retryable = info.retryable;
        fail(f);
        return;
    }
    m_tokenUrl = info.tokenUrl;
    requestToken();
}

void OAuthAuthorizer::requestToken()
{
    ++m_attempt;
    TokenRequest request;
    request.tokenUrl = m_tokenUrl;
    request.form = {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    if (!m_settings.scope.isEmpty()) {
        request.form.append({QStringLiteral("scope"), m_settings.scope});
    }
    AuthFailure failure;
    if (!authenticate(request, &failure)) {
        fail(failure);
        return;
    }
    m_job = new AuthHttpJob(m_nam, this);
    connect(m_job, &AuthHttpJob::finished, this, &OAuthAuthorizer::onTokenAnswer);
    qCInfo(lcAuth).noquote() << "requesting a token from" << Redactor::url(m_tokenUrl) << "for client"
                             << m_settings.clientId << "scope" << m_settings.scope;
    m_job->post(m_tokenUrl, formEncode(request.form), request.headers);
}

void OAuthAuthorizer::onTokenAnswer(const AuthHttpResult &result)
{
    m_job->deleteLater();
    m_job = nullptr;
    const int status = result.response.status;
    if (result.outcome == AuthHttpResult::Outcome::Answered && status >= 200 && status < 300) {
        QString problem;
        if (const std::optional<TokenResponse> token = TokenResponse::parse(result.response.body, &problem)) {
            accept(*token);
            return;
        }
        AuthFailure f = TokenResponse::failure(result, credentialHint());
        f.message = tr("The token endpoint %1 gave an unusable answer: %2.").arg(m_tokenUrl.host(), problem);
        fail(f);
        return;
    }
    if (TokenResponse::isBare400(result) && m_attempt == 1) {
        const milliseconds pause = m_clock->timerInterval(duration_cast<milliseconds>(kBare400Pause));
        qCInfo(lcAuth).noquote() << "bare HTTP 400 from" << Redactor::url(m_tokenUrl) << "- asking once more after"
                                 << pause.count() << "ms";
        QTimer::singleShot(pause, this, &OAuthAuthorizer::requestToken);
        return;
    }
    fail(TokenResponse::failure(result, credentialHint()));
}

void OAuthAuthorizer::accept(const TokenResponse &response)
{
    if (!response.tokenType.isEmpty() &&
        response.tokenType.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0) {
        qCWarning(lcAuth).noquote() << "token_type" << response.tokenType << "is not Bearer; sending it as Bearer";
    }
    // Keep the current and the previous token redacted; older ones have long expired and would only grow the list.
    Redactor::instance().addSecret(response.accessToken);
    if (!m_previousToken.isEmpty() && m_previousToken != response.accessToken) {
        Redactor::instance().forgetSecret(m_previousToken);
    }
    m_previousToken = m_token;
    const QDateTime now = m_clock->nowUtc();
    seconds lifetime = kDefaultLifetime;
    if (response.expiresIn) {
        lifetime = seconds(std::max<qint64>(0, *response.expiresIn));
    } else if (const QDateTime exp = StaticTokenAuthorizer::jwtExpiry(response.accessToken); exp.isValid()) {
        lifetime = seconds(std::max<qint64>(0, now.secsTo(exp)));
    }
    const milliseconds real = m_clock->timerInterval(duration_cast<milliseconds>(lifetime));
    m_token = response.accessToken;
    m_grantedScope = response.scope;
    m_expiresAt = now.addMSecs(real.count());
    m_renewAt = now.addMSecs((real - renewalMargin(real)).count());
    m_inFlight = false;
    qCInfo(lcAuth).noquote() << "token obtained; lifetime" << lifetime.count() << "s, granted scope"
                             << (response.scope.isEmpty() ? QStringLiteral("(not stated)") : response.scope);
    if (!response.scope.isEmpty() && response.scope != m_settings.scope) {
        qCInfo(lcAuth).noquote() << "the server granted a different scope than requested:" << m_settings.scope;
    }
    finishRenewal(std::nullopt);
}

void OAuthAuthorizer::fail(const AuthFailure &failure)
{
    m_inFlight = false;
    qCWarning(lcAuth).noquote() << Redactor::instance().text(failure.message);
    finishRenewal(failure);
}

QByteArray OAuthAuthorizer::formEncode(const QList<QPair<QString, QString>> &form)
{
    QByteArray out;
    for (const auto &[name, value] : form) {
        if (!out.isEmpty()) {
            out += '&';
        }
        out += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return out;
}
