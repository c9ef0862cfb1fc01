#include "server/sandboxserver.h"

#include "auth/authservice.h"
#include "http/httpconnection.h"
#include "persona/personafactory.h"
#include "server/router.h"
#include "server/sandboxcontext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpServer>

Q_LOGGING_CATEGORY(lcSandbox, "ferry.sandbox")

SandboxServer::SandboxServer(const SandboxConfig &config, QObject *parent)
    : QObject(parent)
    , m_ctx(std::make_unique<SandboxContext>(config))
    , m_log(std::make_unique<RequestLog>())
{
    SandboxContext &ctx = *m_ctx;
    ctx.persona = PersonaFactory::create(ctx.config, &m_setupError);
    if (!ctx.persona) {
        ctx.persona = std::make_unique<Persona>(ctx.config); // keeps accessors safe; listen() reports the error
    }
    const Persona::Timings defaults = ctx.persona->defaultTimings();
    ctx.timings = defaults;
    ctx.timings.polls = config.polls.value_or(defaults.polls);
    ctx.timings.jobSeconds = config.jobSeconds.value_or(defaults.jobSeconds);
    ctx.timings.retryAfterSeconds = config.retryAfterSeconds.value_or(defaults.retryAfterSeconds);
    ctx.timings.fileTtlSeconds = config.fileTtlSeconds.value_or(defaults.fileTtlSeconds);
    ctx.timings.tokenTtlSeconds = config.tokenTtlSeconds.value_or(defaults.tokenTtlSeconds);
    ctx.population->setIdStyle(ctx.persona->idStyle());
    ctx.groups.add("demo", std::min<quint32>(25, config.patients), "Demo cohort (25 patients)");
    ctx.groups.add("all", config.patients, "All patients");
    for (const SandboxConfig::GroupSpec &g : config.groups) {
        ctx.groups.add(g.id, g.size);
    }
    ctx.persona->adjustGroups(ctx.groups);
    if (const QString authError = ctx.persona->checkAuthMode(config.auth); m_setupError.isEmpty()) {
        m_setupError = authError;
    }
    if (m_setupError.isEmpty()) {
        m_setupError = ctx.config.loadClientConfig();
    }
    m_auth = new AuthService(ctx, this);
    m_router = std::make_unique<Router>(ctx, *m_auth, *m_log);
}

SandboxServer::~SandboxServer()
{
    close();
}

bool SandboxServer::listen(QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error) {
            *error = message;
        }
        close();
        return false;
    };
    if (!m_setupError.isEmpty()) {
        return fail(m_setupError);
    }
    m_primary = new QTcpServer(this);
    if (!m_primary->listen(QHostAddress::LocalHost, m_ctx->config.port)) {
        return fail(
            QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(m_ctx->config.port).arg(m_primary->errorString()));
    }
    m_storage = new QTcpServer(this);
    if (!m_storage->listen(QHostAddress::LocalHost, 0)) {
        return fail(QStringLiteral("cannot listen for the storage origin: %1").arg(m_storage->errorString()));
    }
    // "localhost" may resolve to ::1 first; serve it there too when IPv6 loopback exists.
    m_storage6 = new QTcpServer(this);
    if (!m_storage6->listen(QHostAddress::LocalHostIPv6, m_storage->serverPort())) {
        delete m_storage6;
        m_storage6 = nullptr;
    }
    m_ctx->primaryOrigin = "http://127.0.0.1:" + QByteArray::number(m_primary->serverPort());
    m_ctx->storageOrigin = "http://localhost:" + QByteArray::number(m_storage->serverPort());
    acceptConnections(m_primary, static_cast<int>(Origin::Primary));
    acceptConnections(m_storage, static_cast<int>(Origin::Secondary));
    if (m_storage6) {
        acceptConnections(m_storage6, static_cast<int>(Origin::Secondary));
    }
    return true;
}

void SandboxServer::acceptConnections(QTcpServer *server, int origin)
{
    server->setMaxPendingConnections(256);
    connect(server, &QTcpServer::newConnection, this, [this, server, origin] {
        while (QTcpSocket *socket = server->nextPendingConnection()) {
            auto *connection = new HttpConnection(
                socket, static_cast<Origin>(origin), m_nextConnectionId++,
                [this](HttpConnection *c, HttpRequest request) { onRequest(c, std::move(request)); }, this);
            connect(connection, &HttpConnection::responseFinished, this, &SandboxServer::onResponseFinished);
        }
    });
}

void SandboxServer::onRequest(HttpConnection *connection, HttpRequest request)
{
    // The test endpoints (/__log, /__truth, ...) stay out of the log: it records the client's traffic only.
    const bool debug = request.origin == Origin::Primary && request.path.startsWith("/__");
    const qint64 seq = debug ? -1 : m_log->begin(request, m_ctx->clock.nowMs());
    QPointer<HttpConnection> target(connection);
    m_router->route(request, [this, target, seq](HttpResponse response) {
        if (seq >= 0) {
            m_log->answered(seq, response.status, response.rangeStart);
        }
        if (target) {
            target->respond(std::move(response), seq);
        } else {
            onResponseFinished(seq, 0, false);
        }
    });
}

void SandboxServer::onResponseFinished(qint64 seq, qint64 bodyBytes, bool complete)
{
    if (seq < 0) {
        return; // a malformed request answered by the connection itself
    }
    m_log->finished(seq, bodyBytes, complete);
    if (!m_ctx->config.quiet) {
        if (const RequestLogEntry *e = m_log->entry(seq)) {
            const QByteArray target = e->origin == Origin::Secondary ? e->target.split('?').first() : e->target;
            qCInfo(lcSandbox).noquote() << QString::fromLatin1(e->method) << QString::fromUtf8(target) << "->"
                                        << e->status << e->bodyBytes << "bytes" << (complete ? "" : "(incomplete)");
        }
    }
    emit requestFinished(seq);
}

void SandboxServer::close()
{
    for (QTcpServer *s : {m_primary, m_storage, m_storage6}) {
        if (s) {
            s->close();
        }
    }
    const QList<HttpConnection *> connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpConnection *c : connections) {
        disconnect(c, nullptr, this, nullptr);
        c->closeNow();
        delete c;
    }
}

bool SandboxServer::isListening() const
{
    return m_primary && m_primary->isListening();
}

bool SandboxServer::isBusy() const
{
    const QList<HttpConnection *> connections = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    return std::any_of(connections.begin(), connections.end(), [](const HttpConnection *c) { return c->isBusy(); });
}

QUrl SandboxServer::fhirBase() const
{
    return QUrl(QString::fromLatin1(m_ctx->fhirBase()));
}

QUrl SandboxServer::fileOrigin() const
{
    return QUrl(QString::fromLatin1(m_ctx->storageOrigin));
}

QUrl SandboxServer::tokenUrl() const
{
    return QUrl(QString::fromLatin1(m_ctx->tokenUrl()));
}

quint16 SandboxServer::port() const
{
    return m_primary ? m_primary->serverPort() : 0;
}

quint16 SandboxServer::filePort() const
{
    return m_storage ? m_storage->serverPort() : 0;
}

QByteArray SandboxServer::startupJson() const
{
    // Written by hand to keep the documented key order (QJsonObject would sort the keys).
    const auto field = [](const char *name, const QByteArray &value) -> QByteArray {
        const QByteArray quoted = QJsonDocument(QJsonArray{QString::fromUtf8(value)}).toJson(QJsonDocument::Compact);
        return '"' + QByteArray(name) + "\":" + quoted.mid(1, quoted.size() - 2);
    };
    return '{' + field("fhirBase", m_ctx->fhirBase()) + ',' + field("fileOrigin", m_ctx->storageOrigin) + ',' +
           field("tokenUrl", m_ctx->tokenUrl()) + ',' + field("persona", m_ctx->persona->name()) + '}';
}

const SandboxConfig &SandboxServer::config() const
{
    return m_ctx->config;
}

Persona &SandboxServer::persona() const
{
    return *m_ctx->persona;
}

QList<RequestLogEntry> SandboxServer::requestLog() const
{
    return m_log->entries();
}

QByteArray SandboxServer::requestLogJson(qint64 afterSeq) const
{
    return m_log->toJson(afterSeq);
}

void SandboxServer::clearRequestLog()
{
    m_log->clear();
}

QList<const ExportJob *> SandboxServer::jobs() const
{
    QList<const ExportJob *> out;
    for (const ExportJob *job : m_ctx->jobs.jobs()) {
        out.append(job);
    }
    return out;
}

const ExportJob *SandboxServer::job(const QByteArray &jobId) const
{
    return m_ctx->jobs.find(jobId);
}

QByteArray SandboxServer::truthJson(const QByteArray &jobId) const
{
    const ExportJob *job = m_ctx->jobs.find(jobId);
    return job ? m_router->debug().truthJson(*job) : QByteArray();
}

QJsonObject SandboxServer::truth(const QByteArray &jobId) const
{
    return QJsonDocument::fromJson(truthJson(jobId)).object();
}

FaultConfig SandboxServer::faults() const
{
    return m_ctx->config.faults;
}

void SandboxServer::setFaults(const FaultConfig &faults)
{
    m_ctx->config.faults = faults;
    m_ctx->kickoffsThrottled = 0;
    m_ctx->kickoffsRejected = 0;
    m_ctx->tokensRefused = 0;
}

QString SandboxServer::applyFault(const QString &assignment)
{
    return m_ctx->config.faults.apply(assignment);
}

void SandboxServer::registerClient(const ClientRegistration &client)
{
    m_auth->registerClient(client);
}

void SandboxServer::expireFiles(const QByteArray &jobId)
{
    if (ExportJob *job = m_ctx->jobs.find(jobId)) {
        job->filesExpireAtMs = m_ctx->clock.nowMs();
        for (ExportFile &file : job->files) {
            file.expiresAtMs = job->filesExpireAtMs;
        }
    }
}
