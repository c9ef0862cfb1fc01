#include "util/redactor.h"

#include <QMutexLocker>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {
const QString kMarker = QStringLiteral("[redacted]");
// A short secret would redact ordinary words; such values are still never logged on purpose.
constexpr qsizetype kMinimumSecretLength = 6;
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
    static const QRegularExpression bearer(QStringLiteral("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{8,}"));
    out.replace(bearer, QStringLiteral("\\1 ") + kMarker);
    static const QRegularExpression jwt(QStringLiteral("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"));
    out.replace(jwt, kMarker);
    return out;
}

QString Redactor::url(const QUrl &url)
{
    QUrl safe = url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    if (safe.hasQuery()) {
        // Pre-signed storage URLs carry their credential in the query; FHIR parameters (_type, _since…) are kept.
        static const QRegularExpression credentialKey(
            QStringLiteral("(?i)sig|signature|token|credential|secret|key|auth|session|policy|code|jwt"));
        QUrlQuery query(safe);
        QList<QPair<QString, QString>> items = query.queryItems(QUrl::FullyEncoded);
        for (auto &[key, value] : items) {
            if (!key.startsWith(QLatin1Char('_')) && credentialKey.match(key).hasMatch()) {
                value = QStringLiteral("redacted");
            }
        }
        query.setQueryItems(items);
        safe.setQuery(query);
    }
    return safe.toDisplayString(QUrl::DecodeReserved);
}
