#include "export/jobstore.h"

#include "data/hash.h"

#include <QRandomGenerator>
#include <QUuid>

namespace {

QByteArray randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (int i = 0; i < bytes; ++i) {
        raw[i] = static_cast<char>(QRandomGenerator::global()->bounded(256));
    }
    return raw.toHex();
}

} // namespace

ExportJob &JobStore::add(std::unique_ptr<ExportJob> job)
{
    ExportJob &ref = *job;
    m_byId.insert(job->id, job.get());
    m_jobs.push_back(std::move(job));
    return ref;
}

ExportJob *JobStore::find(const QByteArray &id) const
{
    return m_byId.value(id, nullptr);
}

QList<ExportJob *> JobStore::jobs() const
{
    QList<ExportJob *> out;
    for (const auto &job : m_jobs) {
        out.append(job.get());
    }
    return out;
}

void JobStore::buildFiles(ExportJob &job, const FileSplit &split, const FaultConfig &faults)
{
    const std::shared_ptr<const ExportData> &data = job.data;
    const size_t perFile = static_cast<size_t>(std::max(1, split.resourcesPerFile));
    int outputIndex = 0;
    auto addFile = [&](FileContent::Kind kind, const QByteArray &type, size_t begin, size_t end) {
        ExportFile file;
        file.kind = kind;
        file.type = type;
        file.count = static_cast<qint64>(end - begin);
        auto corruption = FaultConfig::Corruption::None;
        if (kind == FileContent::Kind::Output) {
            file.outputIndex = outputIndex++;
            if (file.outputIndex == faults.corruptFile) {
                corruption = faults.corruption;
            }
        }
        file.content = std::make_shared<FileContent>(data, kind, begin, end, corruption, faults.corruptLine);
        const quint64 tag = SandboxHash::of(SandboxHash::bytes(job.id.constData(), job.id.size()), job.files.size());
        file.etag = '"' + QByteArray::number(tag, 16) + '"';
        job.files.push_back(std::move(file));
    };

    for (const ExportData::Slice &slice : data->slices) {
        const QByteArray type = ResourceTypes::name(slice.type);
        size_t begin = slice.begin;
        while (begin < slice.end) {
            size_t end = std::min(slice.end, begin + perFile);
            if (split.onePatientPerFile && ResourceTypes::perPatient(slice.type)) {
                end = begin;
                while (end < slice.end && end - begin < perFile && data->keys[end].owner == data->keys[begin].owner) {
                    ++end;
                }
            }
            addFile(FileContent::Kind::Output, type, begin, end);
            begin = end;
        }
    }
    for (size_t begin = 0; begin < static_cast<size_t>(data->errorLines.size()); begin += perFile) {
        addFile(FileContent::Kind::Error, "OperationOutcome", begin,
                std::min(static_cast<size_t>(data->errorLines.size()), begin + perFile));
    }
    for (size_t begin = 0; begin < data->deleted.size(); begin += perFile) {
        addFile(FileContent::Kind::Deleted, "Bundle", begin, std::min(data->deleted.size(), begin + perFile));
    }
}

void JobStore::assignLinks(ExportJob &job, qint64 expiresAtMs)
{
    ++job.linkGeneration;
    job.filesExpireAtMs = expiresAtMs;
    for (size_t i = 0; i < job.files.size(); ++i) {
        ExportFile &file = job.files[i];
        file.token = file.type + '_' + randomHex(8);
        file.expiresAtMs = expiresAtMs;
        m_tokens.insert(file.token, TokenTarget{job.id, static_cast<int>(i), job.linkGeneration});
    }
}

std::optional<JobStore::FileHit> JobStore::findFile(const QByteArray &token) const
{
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.constEnd()) {
        return std::nullopt;
    }
    ExportJob *job = find(it->jobId);
    if (!job || it->index >= static_cast<int>(job->files.size())) {
        return std::nullopt;
    }
    return FileHit{job, it->index, it->generation == job->linkGeneration};
}

void JobStore::forgetFiles(ExportJob &job)
{
    m_tokens.removeIf([&job](const auto &it) { return it.value().jobId == job.id; });
}

QByteArray JobStore::newJobId()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}
