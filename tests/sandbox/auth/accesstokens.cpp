#include "auth/accesstokens.h"

#include <QRandomGenerator>

QByteArray AccessTokens::issue(const QByteArray &clientId, const QByteArrayList &scopes, qint64 expiresAtMs,
                               qint64 nowMs)
{
    m_tokens.removeIf([nowMs](const auto &it) { return it.value().expiresAtMs < nowMs; });
    QByteArray raw(32, Qt::Uninitialized);
    for (char &c : raw) {
        c = static_cast<char>(QRandomGenerator::system()->bounded(256));
    }
    const QByteArray token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    m_tokens.insert(token, Entry{clientId, scopes, expiresAtMs});
    return token;
}

std::optional<AccessTokens::Entry> AccessTokens::find(const QByteArray &token) const
{
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.constEnd()) {
        return std::nullopt;
    }
    return it.value();
}
