#include "server/manifestbuilder.h"

#include <QJsonArray>

ManifestBuilder::ManifestBuilder(const SandboxContext &ctx)
    : m_ctx(ctx)
{
}

int ManifestBuilder::pageSize(const ExportJob &job) const
{
    const int total = static_cast<int>(job.files.size());
    return m_ctx.config.manifestPageSize > 0 ? m_ctx.config.manifestPageSize : std::max(1, total);
}

int ManifestBuilder::pageCount(const ExportJob &job) const
{
    const int total = static_cast<int>(job.files.size());
    const int size = pageSize(job);
    return std::max(1, (total + size - 1) / size);
}

QJsonObject ManifestBuilder::page(const ExportJob &job, int page, int ready) const
{
    const Persona &persona = *m_ctx.persona;
    const int size = pageSize(job);
    const int first = (page - 1) * size;
    const int last = std::min({first + size, static_cast<int>(job.files.size()), ready});
    const QString urlKey = QString::fromLatin1(persona.outputUrlKey());

    QJsonArray output;
    QJsonArray error;
    QJsonArray deleted;
    for (int i = first; i < last; ++i) {
        const ExportFile &file = job.files[static_cast<size_t>(i)];
        QJsonObject entry{{QLatin1String("type"), QString::fromLatin1(file.type)},
                          {urlKey, QString::fromLatin1(m_ctx.fileUrl(file))},
                          {QLatin1String("count"), file.count}};
        switch (file.kind) {
        case FileContent::Kind::Output:
            output.append(entry);
            break;
        case FileContent::Kind::Error:
            error.append(entry);
            break;
        case FileContent::Kind::Deleted:
            deleted.append(entry);
            break;
        }
    }

    QJsonObject manifest{
        {QLatin1String("transactionTime"), QString::fromLatin1(persona.transactionTime(job))},
        {QLatin1String("request"), QString::fromUtf8(job.requestUrl)},
        {QLatin1String("requiresAccessToken"), m_ctx.filesRequireToken()},
        {QLatin1String("output"), output},
    };
    if (persona.manifestHasErrorArray()) {
        manifest.insert(QLatin1String("error"), error);
    }
    if (!deleted.isEmpty() || job.params.sinceMs) {
        manifest.insert(QLatin1String("deleted"), deleted);
    }
    const bool complete = job.completed();
    const int nextFirst = page * size;
    const bool nextReady = complete || ready >= std::min(nextFirst + size, static_cast<int>(job.files.size()));
    if (nextFirst < static_cast<int>(job.files.size()) && nextReady) {
        const QByteArray status = m_ctx.statusUrl(job);
        const QString next = QString::fromLatin1(status) + QLatin1String(status.contains('?') ? "&page=" : "?page=") +
                             QString::number(page + 1);
        manifest.insert(
            QLatin1String("link"),
            QJsonArray{QJsonObject{{QLatin1String("relation"), QLatin1String("next")}, {QLatin1String("url"), next}}});
    }
    persona.decorateManifest(job, manifest);
    return manifest;
}
