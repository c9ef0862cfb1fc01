#include "sandboxprocess.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTimer>

namespace {

QByteArray exchange(const QUrl &url, const QByteArray &method, const QByteArray &body)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = method == "POST" ? nam.post(request, body) : nam.get(request);
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(30000)) {
        reply->abort();
    }
    const QByteArray data = reply->readAll();
    reply->deleteLater();
    return data;
}

} // namespace

SandboxProcess::SandboxProcess() = default;

SandboxProcess::~SandboxProcess()
{
    stop();
}

bool SandboxProcess::start(const QStringList &arguments, QString *error)
{
    const QString program = qEnvironmentVariable("FERRY_SANDBOX");
    if (program.isEmpty()) {
        *error = QStringLiteral("FERRY_SANDBOX is not set (run the test through ctest)");
        return false;
    }
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(10000)) {
        *error = m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(20000);
    while (!m_process.canReadLine()) {
        if (deadline.hasExpired() || m_process.state() != QProcess::Running) {
            *error =
                QStringLiteral("ferry-sandbox did not start: ") + QString::fromUtf8(m_process.readAllStandardError());
            return false;
        }
        m_process.waitForReadyRead(200);
    }
    const QJsonObject info = QJsonDocument::fromJson(m_process.readLine()).object();
    m_fhirBase = QUrl(info.value(QStringLiteral("fhirBase")).toString());
    m_fileOrigin = QUrl(info.value(QStringLiteral("fileOrigin")).toString());
    m_tokenUrl = QUrl(info.value(QStringLiteral("tokenUrl")).toString());
    if (!m_fhirBase.isValid()) {
        *error = QStringLiteral("unexpected startup line from ferry-sandbox");
        return false;
    }
    return true;
}

void SandboxProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

QByteArray SandboxProcess::get(const QString &path) const
{
    QUrl url = m_fhirBase;
    url.setPath(path.section(QLatin1Char('?'), 0, 0));
    url.setQuery(path.section(QLatin1Char('?'), 1));
    return exchange(url, "GET", {});
}

QByteArray SandboxProcess::post(const QString &path, const QByteArray &body) const
{
    QUrl url = m_fhirBase;
    url.setPath(path);
    url.setQuery(QString());
    return exchange(url, "POST", body);
}

QJsonObject SandboxProcess::truth(const QString &jobId) const
{
    return QJsonDocument::fromJson(get(QStringLiteral("/__truth/") + jobId)).object();
}

QJsonArray SandboxProcess::log() const
{
    return QJsonDocument::fromJson(get(QStringLiteral("/__log"))).array();
}

QJsonArray SandboxProcess::jobs() const
{
    const QJsonDocument doc = QJsonDocument::fromJson(get(QStringLiteral("/__jobs")));
    return doc.isArray() ? doc.array() : doc.object().value(QStringLiteral("jobs")).toArray();
}

bool SandboxProcess::setFaults(const QString &assignments) const
{
    return !post(QStringLiteral("/__faults"), assignments.toUtf8()).isEmpty();
}

int SandboxProcess::countRequests(const QString &method, const QString &targetPart) const
{
    int n = 0;
    for (const QJsonValue &v : log()) {
        const QJsonObject e = v.toObject();
        n += e.value(QStringLiteral("method")).toString() == method &&
             e.value(QStringLiteral("target")).toString().contains(targetPart);
    }
    return n;
}
