#include "auth/statictokenauthorizer.h"

#include "util/clock.h"
#include "util/redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

namespace {
QString withoutScheme(const QString &pasted)
{
    QString token = pasted.trimmed();
    if (token.startsWith(QLatin1String("bearer "), Qt::CaseInsensitive)) {
        token = token.mid(7).trimmed();
    }
    return token;
}
} // namespace

StaticTokenAuthorizer::StaticTokenAuthorizer(const QString &token, QObject *parent)
    : Authorizer(parent)
    , m_token(withoutScheme(token))
    , m_expiresAt(jwtExpiry(m_token))
    , m_clock(Clock::system())
{
    Redactor::instance().addSecret(m_token);
}

StaticTokenAuthorizer::~StaticTokenAuthorizer() = default;

void StaticTokenAuthorizer::apply(QNetworkRequest &request) const
{
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
}

QString StaticTokenAuthorizer::describe() const
{
    if (!m_expiresAt.isValid()) {
        return tr("Static bearer token");
    }
    const QString when = m_expiresAt.toLocalTime().toString(Qt::ISODate);
    return m_clock->nowUtc() < m_expiresAt ? tr("Static bearer token (expires %1)").arg(when)
                                           : tr("Static bearer token (expired %1)").arg(when);
}

QDateTime StaticTokenAuthorizer::jwtExpiry(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3) {
        return {};
    }
    const QByteArray payload = QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
    const QJsonValue exp = QJsonDocument::fromJson(payload).object().value(QLatin1String("exp"));
    if (!exp.isDouble()) {
        return {};
    }
    return QDateTime::fromSecsSinceEpoch(static_cast<qint64>(exp.toDouble()), Qt::UTC);
}

bool StaticTokenAuthorizer::isFresh() const
{
    return !m_token.isEmpty() && (!m_expiresAt.isValid() || m_clock->nowUtc() < m_expiresAt);
}

void StaticTokenAuthorizer::renew()
{
    AuthFailure failure;
    if (m_token.isEmpty()) {
        failure.message = tr("No bearer token is stored for this server. Paste one in the server's settings.");
    } else if (m_expiresAt.isValid() && m_clock->nowUtc() >= m_expiresAt) {
        failure.message = tr("The pasted bearer token expired at %1. Paste a new token in the server's settings; a "
                             "static token cannot be renewed automatically.")
                              .arg(m_expiresAt.toLocalTime().toString(Qt::ISODate));
    } else {
        failure.message = tr("The pasted bearer token was refused. Paste a new token in the server's settings; a "
                             "static token cannot be renewed automatically.");
    }
    finishRenewal(failure);
}
