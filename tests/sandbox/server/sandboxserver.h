#pragma once

#include "auth/clientregistration.h"
#include "export/exportjob.h"
#include "server/faultconfig.h"
#include "server/requestlog.h"
#include "server/sandboxconfig.h"

#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

class AuthService;
class HttpConnection;
class Persona;
class QTcpServer;
class Router;
struct SandboxContext;

// ferry-sandbox: a FHIR Bulk Data server on loopback for tests, benchmarks and first-time users.
// Two origins: the FHIR server (http://127.0.0.1:PORT/fhir by default) and a storage origin
// (http://localhost:PORT2) for pre-signed file URLs. Usable in-process from a Qt Test on the same thread:
// construct, listen(), point a client at fhirBase(), then inspect requestLog(), truth() and jobs().
class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(const SandboxConfig &config, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Binds both origins; false (with a message) if the persona, client config or a port is unusable.
    bool listen(QString *error = nullptr);
    void close();
    bool isListening() const;
    // True while some request is being answered (e.g. a long download), for idle detection.
    bool isBusy() const;

    QUrl fhirBase() const;
    QUrl fileOrigin() const;
    QUrl tokenUrl() const;
    quint16 port() const;
    quint16 filePort() const;
    // {"fhirBase":…,"fileOrigin":…,"tokenUrl":…,"persona":…}: what the executable prints on start.
    QByteArray startupJson() const;

    const SandboxConfig &config() const;
    Persona &persona() const;

    // Inspection
    QList<RequestLogEntry> requestLog() const;
    QByteArray requestLogJson(qint64 afterSeq = 0) const;
    void clearRequestLog();
    QList<const ExportJob *> jobs() const;
    const ExportJob *job(const QByteArray &jobId) const;
    // What the job's export must contain: {"jobId","transactionTime","types":{T:{count,ids}},"deleted","errorLines"}.
    QJsonObject truth(const QByteArray &jobId) const;
    QByteArray truthJson(const QByteArray &jobId) const;

    // Control (take effect for the next request)
    FaultConfig faults() const;
    void setFaults(const FaultConfig &faults);
    QString applyFault(const QString &assignment); // "name=value"; returns an error or empty
    void registerClient(const ClientRegistration &client);
    // Makes the job's file links expire now (the next status fetch hands out fresh ones).
    void expireFiles(const QByteArray &jobId);

signals:
    // A response is over (sent, dropped by a fault, or the client left); seq indexes requestLog().
    void requestFinished(qint64 seq);

private:
    void acceptConnections(QTcpServer *server, int origin);
    void onRequest(HttpConnection *connection, HttpRequest request);
    void onResponseFinished(qint64 seq, qint64 bodyBytes, bool complete);

    std::unique_ptr<SandboxContext> m_ctx;
    std::unique_ptr<RequestLog> m_log;
    AuthService *m_auth = nullptr;
    std::unique_ptr<Router> m_router;
    QTcpServer *m_primary = nullptr;
    QTcpServer *m_storage = nullptr;
    QTcpServer *m_storage6 = nullptr;
    QString m_setupError;
    quint64 m_nextConnectionId = 1;
};
