#include "util/redactor.h"

#include <QMutexLocker>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {
const QString kMarker = QStringLiteral("[redacted]");
// A short secret would redact ordinary words; such values are still never logged on purpose.
constexpr qsizetype kMinimumSecretLength = 6;

// Query keys that carry credentials in pre-signed storage URLs and OAuth redirects. FHIR parameters (_type,
// _since…) start with '_' and are kept.
bool isCredentialKey(const QString &key)
{
    static const QRegularExpression credentialKey(
        QStringLiteral("(?i)sig|signature|token|credential|secret|key|auth|session|policy|code|jwt"));
    return !key.startsWith(QLatin1Char('_')) && credentialKey.match(key).hasMatch();
}

QString redactJwts(QString text)
{
    // Every pattern below needs a literal that a plain search finds far faster than the regex engine; most texts
    // (header values, log lines) have none, and the HTTP trace redacts some 20 of them per file downloaded.
    if (!text.contains(QLatin1String("eyJ"))) {
        return text;
    }
    static const QRegularExpression jwt(QStringLiteral("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));
    return text.replace(jwt, kMarker);
}

// key=value pairs of URL queries inside free text (Qt's error strings quote the whole URL).
QString redactQueryCredentials(const QString &text)
{
    if (!text.contains(QLatin1Char('='))) {
        return text;
    }
    static const QRegularExpression pair(QStringLiteral("([?&;])([^=&?#\\s\"'<>]+)=([^&#\\s\"'<>]+)"));
    QString out;
    qsizetype last = 0;
    for (auto it = pair.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!isCredentialKey(m.captured(2))) {
            continue;
        }
        out += QStringView(text).mid(last, m.capturedStart(3) - last);
        out += kMarker;
        last = m.capturedEnd(3);
    }
    return last == 0 ? text : out + QStringView(text).mid(last);
}
} // namespace

Redactor &Redactor::instance()
{
    static Redactor redactor;
    return redactor;
}

void Redactor::addSecret(const QString &secret)
{
    if (secret.size() < kMinimumSecretLength) {
        return;
    }
    QMutexLocker lock(&m_mutex);
    if (!m_secrets.contains(secret)) {
        m_secrets.append(secret);
    }
}

void Redactor::forgetSecret(const QString &secret)
{
    QMutexLocker lock(&m_mutex);
    m_secrets.removeAll(secret);
}

QString Redactor::text(const QString &in) const
{
    QString out = in;
    {
        QMutexLocker lock(&m_mutex);
        for (const QString &secret : m_secrets) {
            out.replace(secret, kMarker);
        }
    }
    if (out.contains(QLatin1String("bearer"), Qt::CaseInsensitive) ||
        out.contains(QLatin1String("basic"), Qt::CaseInsensitive)) {
        static const QRegularExpression bearer(QStringLiteral("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}"));
        out.replace(bearer, QStringLiteral("\\1 ") + kMarker);
    }
    return redactQueryCredentials(redactJwts(out));
}

QString Redactor::url(const QUrl &url)
{
    QUrl safe = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    // Some file servers put a token in the path (1upHealth's legacy file URLs embed a JWT).
    safe.setPath(redactJwts(safe.path(QUrl::FullyEncoded)), QUrl::StrictMode);
    if (safe.hasQuery()) {
        // Pre-signed storage URLs carry their credential in the query; FHIR parameters (_type, _since…) are kept.
        QUrlQuery query(safe);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto &[key, value] : items) {
            if (isCredentialKey(key)) {
                value = QStringLiteral("redacted");
            }
        }
        query.setQueryItems(items);
        safe.setQuery(query);
    }
    return safe.toDisplayString(QUrl::DecodeReserved);
}
