#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>

#include <optional>

// Access tokens the token endpoint issued: opaque random strings mapped to their client, scopes and expiry
// (server monotonic milliseconds, already scaled by --time-scale).
class AccessTokens
{
public:
    struct Entry
    {
        QByteArray clientId;
        QByteArrayList scopes;
        qint64 expiresAtMs = 0;
    };

    QByteArray issue(const QByteArray &clientId, const QByteArrayList &scopes, qint64 expiresAtMs, qint64 nowMs);
    std::optional<Entry> find(const QByteArray &token) const;

private:
    QHash<QByteArray, Entry> m_tokens;
};
