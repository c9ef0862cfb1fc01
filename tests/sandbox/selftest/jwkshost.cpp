#include "selftest/jwkshost.h"

#include "http/httpconnection.h"

#include <QJsonDocument>

JwksHost::JwksHost(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            new HttpConnection(
                socket, Origin::Primary, 0,
                [this](HttpConnection *c, const HttpRequest &request) {
                    ++m_hits;
                    if (request.path != "/jwks.json") {
                        c->respond(HttpResponse(404), -1);
                        return;
                    }
                    c->respond(HttpResponse::json(200, QJsonDocument(m_jwks).toJson(QJsonDocument::Compact)), -1);
                },
                this);
        }
    });
}

bool JwksHost::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QByteArray JwksHost::url() const
{
    return "http://127.0.0.1:" + QByteArray::number(m_server.serverPort()) + "/jwks.json";
}
