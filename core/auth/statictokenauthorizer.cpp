#include "auth/statictokenauthorizer.h"

#include "util/clock.h"
#include "util/redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>

StaticTokenAuthorizer::StaticTokenAuthorizer(const QString &token, QObject *parent)
    : Authorizer(parent)
    , m_token(token.trimmed())
    , m_expiresAt(jwtExpiry(m_token))
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
    if (m_expiresAt.isValid()) {
        return tr("Static bearer token (expires %1)").arg(m_expiresAt.toLocalTime().toString(Qt::ISODate));
    }
    return tr("Static bearer token");
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
    return QDateTime::fromSecsSinceEpoch(exp.toInteger(), Qt::UTC);
}

bool StaticTokenAuthorizer::isFresh() const
{
    return !m_token.isEmpty() && (!m_expiresAt.isValid() || Clock::system()->nowUtc() < m_expiresAt);
}

void StaticTokenAuthorizer::renew()
{
    AuthFailure failure;
    failure.message = m_token.isEmpty()
                          ? tr("No bearer token is stored for this server. Paste one in the server's settings.")
                          : tr("The pasted bearer token has expired or was refused. Paste a new token in the "
                               "server's settings; a static token cannot be renewed automatically.");
    finishRenewal(failure);
}
