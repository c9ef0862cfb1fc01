#include "auth/tokenresponse.h"

#include "auth/authhttpjob.h"
#include "util/redactor.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TokenResponse", text);
}

// The OAuth error object of an error answer, or an empty object.
QJsonObject oauthError(const AuthHttpResult &result)
{
    if (result.outcome != AuthHttpResult::Outcome::Answered) {
        return {};
    }
    const QJsonObject object = QJsonDocument::fromJson(result.response.body).object();
    return object.value(QLatin1String("error")).isString() ? object : QJsonObject();
}

// A gateway's HTML or text page, reduced to one readable line.
QString excerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(2048));
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    text.replace(tags, QStringLiteral(" "));
    text = text.simplified();
    if (text.size() > 200) {
        text = text.left(200) + QStringLiteral("…");
    }
    return Redactor::instance().text(text);
}

QString errorSentence(const QString &code, const QString &hint)
{
    if (code == QLatin1String("invalid_client")) {
        return tr("The token endpoint did not accept the client's credentials.") + QLatin1Char(' ') + hint;
    }
    if (code == QLatin1String("invalid_scope")) {
        return tr("The token endpoint refused the requested scope. Ask only for scopes the client is registered "
                  "for (for example system/*.read, or one system/<Type>.read per exported type).");
    }
    if (code == QLatin1String("unauthorized_client")) {
        return tr("This client may not use the client-credentials grant. Check that it is registered as a backend "
                  "(system) application with access to bulk data.");
    }
    if (code == QLatin1String("invalid_grant")) {
        return tr("The token endpoint rejected the grant. Check the token URL and this computer's clock.");
    }
    if (code == QLatin1String("unsupported_grant_type")) {
        return tr("The server does not offer the client-credentials grant at this token endpoint.");
    }
    if (code == QLatin1String("invalid_request")) {
        return tr("The token endpoint says the request is malformed or incomplete.");
    }
    return tr("The token endpoint refused the request.");
}

} // namespace

std::optional<TokenResponse> TokenResponse::parse(const QByteArray &body, QString *problem)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (!doc.isObject()) {
        *problem = tr("the token endpoint's answer is not JSON (%1)").arg(excerpt(body));
        return std::nullopt;
    }
    const QJsonObject json = doc.object();
    TokenResponse r;
    r.accessToken = json.value(QLatin1String("access_token")).toString();
    if (r.accessToken.isEmpty()) {
        *problem = tr("the token endpoint answered without an access_token");
        return std::nullopt;
    }
    r.tokenType = json.value(QLatin1String("token_type")).toString();
    r.scope = json.value(QLatin1String("scope")).toString();
    const QJsonValue expires = json.value(QLatin1String("expires_in"));
    if (expires.isDouble()) {
        r.expiresIn = static_cast<qint64>(expires.toDouble());
    } else if (expires.isString()) {
        bool ok = false;
        const double seconds = expires.toString().trimmed().toDouble(&ok);
        if (ok) {
            r.expiresIn = static_cast<qint64>(seconds);
        }
    }
    return r;
}

bool TokenResponse::isBare400(const AuthHttpResult &result)
{
    return result.outcome == AuthHttpResult::Outcome::Answered && result.response.status == 400 &&
           oauthError(result).isEmpty();
}

AuthFailure TokenResponse::failure(const AuthHttpResult &result, const QString &credentialHint)
{
    AuthFailure f;
    f.httpStatus = result.response.status;
    f.retryable = result.isRetryable();
    const QString host = result.response.url.host();
    switch (result.outcome) {
    case AuthHttpResult::Outcome::Network:
        f.message =
            tr("Could not reach the token endpoint %1 (%2). Check the network, VPN or proxy.").arg(host, result.error);
        return f;
    case AuthHttpResult::Outcome::Timeout:
        f.message = tr("The token endpoint %1 did not answer (%2).").arg(host, result.error);
        return f;
    case AuthHttpResult::Outcome::Tls:
        f.message = tr("The secure connection to the token endpoint %1 failed: %2. Ferry never accepts an invalid "
                       "certificate; check this computer's date and CA certificates.")
                        .arg(host, result.error);
        return f;
    case AuthHttpResult::Outcome::Redirect:
        f.message = tr("The token request to %1 was not completed: %2").arg(host, result.error);
        return f;
    case AuthHttpResult::Outcome::Answered:
        break;
    }

    const QJsonObject error = oauthError(result);
    if (!error.isEmpty()) {
        f.oauthError = error.value(QLatin1String("error")).toString();
        const QString description =
            Redactor::instance().text(error.value(QLatin1String("error_description")).toString().simplified());
        f.message = errorSentence(f.oauthError, credentialHint) + QStringLiteral(" (") + f.oauthError +
                    (description.isEmpty() ? QString() : QStringLiteral(": ") + description) + QLatin1Char(')');
        // An OAuth error from a 5xx is still the server's trouble; from a 4xx it is a configuration problem.
        return f;
    }
    const int status = result.response.status;
    const QString body = excerpt(result.response.body);
    if (status == 400) {
        f.message = tr("The token endpoint %1 answered HTTP 400 without saying why, twice in a row. Some servers do "
                       "this briefly (Epic); if it persists, check the client ID, the token URL and the registered "
                       "key or secret.")
                        .arg(host);
    } else if (status >= 500 || status == 429 || status == 408) {
        f.message = tr("The token endpoint %1 had a problem (HTTP %2), possibly temporary.").arg(host).arg(status);
    } else if (status >= 200 && status < 300) {
        f.message = tr("The token endpoint %1 gave an unusable answer.").arg(host);
    } else {
        f.message = tr("The token endpoint %1 refused the request (HTTP %2).").arg(host).arg(status) +
                    QLatin1Char(' ') + credentialHint;
    }
    if (!body.isEmpty()) {
        f.message += QStringLiteral(" — ") + body;
    }
    return f;
}
