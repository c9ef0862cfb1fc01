#include "auth/jwksfetcher.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QUrl>

namespace {
constexpr int kTimeoutMs = 10000;
}

JwksFetcher::JwksFetcher(QObject *parent)
    : QObject(parent)
{
}

void JwksFetcher::fetch(const QByteArray &url, Done done)
{
    const QUrl target(QString::fromUtf8(url));
    const QString host = target.host();
    if (target.scheme() != QLatin1String("http") && target.scheme() != QLatin1String("https")) {
        done({}, "jwks_url must be an http(s) URL");
        return;
    }
    if (host != QLatin1String("127.0.0.1") && host != QLatin1String("localhost") && host != QLatin1String("::1")) {
        done({}, "jwks_url must be on loopback (127.0.0.1, localhost or ::1) for the sandbox");
        return;
    }
    QNetworkRequest request(target);
    request.setTransferTimeout(kTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError) {
            done({}, "cannot fetch jwks_url: " + reply->errorString().toUtf8());
            return;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
        if (!doc.isObject() || !doc.object().value(QLatin1String("keys")).isArray()) {
            done({}, "jwks_url did not return a JWK Set ({\"keys\":[...]})");
            return;
        }
        done(doc.object(), {});
    });
}
