#pragma once

#include <QJsonObject>
#include <QObject>
#include <QTcpServer>

// Serves a client's public JWK Set on loopback (http://127.0.0.1:PORT/jwks.json), as a registered jwks_url, using
// the sandbox's own HTTP connection class. Counts how often it was fetched.
class JwksHost : public QObject
{
    Q_OBJECT
public:
    explicit JwksHost(QObject *parent = nullptr);

    bool listen();
    QByteArray url() const;
    void setJwks(const QJsonObject &jwks) { m_jwks = jwks; }
    int hits() const { return m_hits; }

private:
    QTcpServer m_server;
    QJsonObject m_jwks;
    int m_hits = 0;
};
