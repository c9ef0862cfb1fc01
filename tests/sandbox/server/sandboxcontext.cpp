#include "server/sandboxcontext.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

SandboxContext::SandboxContext(SandboxConfig cfg)
    : config(std::move(cfg))
    , clock(config.timeScale)
    , population(std::make_shared<Population>(config.seed, config.patients))
    , groups(config.seed, config.patients)
{
    QByteArray key(32, Qt::Uninitialized);
    for (char &c : key) {
        c = static_cast<char>(QRandomGenerator::system()->bounded(256));
    }
    signingKey = key;
}

bool SandboxContext::filesRequireToken() const
{
    return authEnabled() && config.fileOrigin == SandboxConfig::FileOrigin::Primary;
}

QByteArray SandboxContext::fileUrl(const ExportFile &file) const
{
    if (config.fileOrigin == SandboxConfig::FileOrigin::Secondary) {
        return presignedUrl(file);
    }
    return primaryOrigin + persona->filePath(file.token);
}

QByteArray SandboxContext::presignedUrl(const ExportFile &file) const
{
    // Like an S3 pre-signed URL: the query is the credential, so the storage origin refuses any other.
    const qint64 expires = file.expiresAtMs < 0 ? 0 : file.expiresAtMs;
    return storageOrigin + "/bucket/" + file.token +
           ".ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=" + QByteArray::number(expires) +
           "&X-Amz-Signature=" + presignature(file.token, expires);
}

QByteArray SandboxContext::presignature(const QByteArray &token, qint64 expires) const
{
    return QMessageAuthenticationCode::hash(token + '|' + QByteArray::number(expires), signingKey,
                                            QCryptographicHash::Sha256)
        .toHex();
}

qint64 SandboxContext::fileExpiryFromNow() const
{
    return timings.fileTtlSeconds < 0 ? -1 : clock.nowMs() + clock.realMs(timings.fileTtlSeconds);
}

void SandboxContext::completeJob(ExportJob &job)
{
    if (job.state == ExportJob::State::Completed) {
        return;
    }
    job.state = ExportJob::State::Completed;
    job.completedUtc = clock.wallNow();
    job.completedMs = clock.nowMs();
    if (job.linkGeneration == 0) {
        jobs.assignLinks(job, fileExpiryFromNow());
    }
}

void SandboxContext::refreshExpiredLinks(ExportJob &job)
{
    if (config.refreshLinks && job.filesExpireAtMs >= 0 && clock.nowMs() >= job.filesExpireAtMs) {
        jobs.assignLinks(job, fileExpiryFromNow());
    }
}
