#include "net/failuretext.h"

#include "util/redactor.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("FailureText", text);
}

// A gateway's HTML error page, reduced to readable text.
QString plainExcerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(4096));
    // Style sheets, scripts and comments are not words a person should read (CDN error pages carry a lot of them).
    static const QRegularExpression hidden(QStringLiteral("<(style|script)\\b[^>]*>.*?</\\1\\s*>|<!--.*?-->"),
                                           QRegularExpression::CaseInsensitiveOption |
                                               QRegularExpression::DotMatchesEverythingOption);
    text.replace(hidden, QStringLiteral(" "));
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    text.replace(tags, QStringLiteral(" "));
    static const QList<QPair<QString, QString>> entities{
        {QStringLiteral("&nbsp;"), QStringLiteral(" ")}, {QStringLiteral("&lt;"), QStringLiteral("<")},
        {QStringLiteral("&gt;"), QStringLiteral(">")},   {QStringLiteral("&quot;"), QStringLiteral("\"")},
        {QStringLiteral("&#39;"), QStringLiteral("'")},  {QStringLiteral("&amp;"), QStringLiteral("&")}};
    for (const auto &[entity, character] : entities) {
        text.replace(entity, character, Qt::CaseInsensitive);
    }
    // Redacted before it is cut, so a cut cannot leave half a secret unrecognisable.
    text = Redactor::instance().text(text.simplified());
    if (text.size() > 300) {
        text = text.left(300) + QStringLiteral("…");
    }
    return text;
}

QString statusAdvice(int status)
{
    switch (status) {
    case 400:
    case 422:
        return tr("The server rejected the request's parameters; adjust them (or retry with lenient handling).");
    case 401:
        return tr("The server did not accept the credentials; check the server's authorization settings.");
    case 403:
        return tr("The credentials lack permission for this; check the scopes granted to the client and the "
                  "group's access.");
    case 404:
        return tr("The server does not know this address; the export may have expired or been deleted, or the "
                  "group id may be wrong.");
    case 410:
        return tr("The server says this is gone for good (expired).");
    case 429:
        return tr("The server is limiting requests (too many at once, or another export by this client is still "
                  "running).");
    case 500:
    case 502:
    case 503:
    case 504:
        return tr("The server had a problem, possibly temporary; try again later.");
    default:
        return {};
    }
}

} // namespace

namespace FailureText {

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 406:
        return QStringLiteral("Not Acceptable");
    case 408:
        return QStringLiteral("Request Timeout");
    case 409:
        return QStringLiteral("Conflict");
    case 410:
        return QStringLiteral("Gone");
    case 412:
        return QStringLiteral("Precondition Failed");
    case 413:
        return QStringLiteral("Content Too Large");
    case 415:
        return QStringLiteral("Unsupported Media Type");
    case 416:
        return QStringLiteral("Range Not Satisfiable");
    case 422:
        return QStringLiteral("Unprocessable Content");
    case 429:
        return QStringLiteral("Too Many Requests");
    case 500:
        return QStringLiteral("Internal Server Error");
    case 501:
        return QStringLiteral("Not Implemented");
    case 502:
        return QStringLiteral("Bad Gateway");
    case 503:
        return QStringLiteral("Service Unavailable");
    case 504:
        return QStringLiteral("Gateway Timeout");
    default:
        return {};
    }
}

QString vendorAdvice(const QString &serverText, const VendorProfile &profile)
{
    for (const ErrorHint &hint : profile.errorHints) {
        if (!hint.contains.isEmpty() && serverText.contains(hint.contains, Qt::CaseInsensitive)) {
            return hint.advice;
        }
    }
    return {};
}

namespace {

QString describeUnredacted(const HttpFailure &f, const VendorProfile &profile)
{
    const QString where = f.url.host().isEmpty() ? tr("the server") : f.url.host();
    const QString op = f.operation.isEmpty() ? tr("request") : f.operation;
    switch (f.kind) {
    case HttpFailure::Kind::Cancelled:
        return tr("The %1 was cancelled.").arg(op);
    case HttpFailure::Kind::Timeout:
        return tr("%1 stopped sending data during the %2 (%3). Check the network or VPN.").arg(where, op, f.detail);
    case HttpFailure::Kind::Tls:
        return tr("The secure connection to %1 failed during the %2: %3. Ferry never accepts an invalid "
                  "certificate; check the computer's date and CA certificates, or ask the server's administrator.")
            .arg(where, op, f.detail);
    case HttpFailure::Kind::Network:
        return tr("Could not reach %1 during the %2 (%3). Check the network, VPN or proxy.").arg(where, op, f.detail);
    case HttpFailure::Kind::Redirect:
        return tr("The %1 was redirected in a way Ferry refuses: %2").arg(op, f.detail);
    case HttpFailure::Kind::Auth:
        return tr("Authorization failed during the %1: %2").arg(op, f.detail);
    case HttpFailure::Kind::Protocol:
        return tr("The server's answer to the %1 could not be used: %2").arg(op, f.detail);
    case HttpFailure::Kind::Local:
        return f.detail;
    case HttpFailure::Kind::Http:
        break;
    }

    QString phrase = reasonPhrase(f.status);
    QString head = tr("The %1 failed: HTTP %2%3")
                       .arg(op)
                       .arg(f.status)
                       .arg(phrase.isEmpty() ? QString() : QStringLiteral(" ") + phrase);
    QString serverText;
    if (f.outcome && !f.outcome->issues.isEmpty()) {
        serverText = f.outcome->summary();
    } else if (!f.bodyExcerpt.trimmed().isEmpty()) {
        serverText = plainExcerpt(f.bodyExcerpt);
    } else if (!f.detail.isEmpty()) {
        serverText = f.detail;
    }
    QString message = head;
    if (!serverText.isEmpty()) {
        message += QStringLiteral(" — ") + serverText;
    }
    // The server's text often ends its own sentence.
    if (!message.endsWith(QLatin1Char('.'))) {
        message += QLatin1Char('.');
    }
    const QString advice = vendorAdvice(serverText, profile);
    message += QLatin1Char(' ') + (advice.isEmpty() ? statusAdvice(f.status) : advice);
    return message.trimmed();
}

} // namespace

QString describe(const HttpFailure &f, const VendorProfile &profile)
{
    // Every kind's detail can quote a URL or a server's answer (a redirect target, Qt's "Error transferring
    // <url>", a token endpoint's reply): nothing leaves here unredacted.
    return Redactor::instance().text(describeUnredacted(f, profile));
}

} // namespace FailureText
