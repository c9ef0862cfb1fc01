#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>

#include <functional>

// Fetches a client's registered JWKS URL (loopback only: the sandbox never reaches out to the internet).
// The callback runs once, on the server's thread, with the key set or an error.
class JwksFetcher : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QJsonObject &jwks, const QByteArray &error)>;

    explicit JwksFetcher(QObject *parent = nullptr);
    void fetch(const QByteArray &url, Done done);

private:
    QNetworkAccessManager m_network;
};
