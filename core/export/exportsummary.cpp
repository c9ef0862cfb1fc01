#include "export/exportsummary.h"

#include "util/privatefiles.h"
#include "util/redactor.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <fcntl.h>
#include <unistd.h>

namespace {

bool writeJson(const QString &path, const QJsonDocument &doc, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(PrivateFiles::kFile);
    file.write(doc.toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = QCoreApplication::translate("ExportSummary", "Cannot write %1: %2 (is the disk full?)")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

QString instant(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODateWithMs) : QString();
}

void syncDirectory(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::syncfs(fd);
        ::close(fd);
    }
}

} // namespace

namespace ExportSummary {

QJsonObject toJson(const ExportRecord &r)
{
    QJsonArray files;
    for (const FileRecord &f : r.files) {
        QJsonObject o{{QStringLiteral("name"), f.name},
                      {QStringLiteral("kind"), ManifestEntry::kindName(f.kind)},
                      {QStringLiteral("type"), f.type},
                      {QStringLiteral("url"), Redactor::url(f.url)},
                      {QStringLiteral("state"), FileRecord::stateName(f.state)},
                      {QStringLiteral("bytes"), f.bytes},
                      {QStringLiteral("lines"), f.lines},
                      {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)}};
        if (f.count) {
            o.insert(QStringLiteral("manifestCount"), *f.count);
        }
        if (!f.message.isEmpty()) {
            o.insert(QStringLiteral("message"), f.message);
        }
        files.append(o);
    }
    QJsonObject request = r.request.toJson();
    request.remove(QStringLiteral("patients")); // the spec asks clients not to log the patient parameter
    return QJsonObject{
        {QStringLiteral("ferryVersion"), QStringLiteral(FERRY_VERSION)},
        {QStringLiteral("exportId"), r.id},
        {QStringLiteral("profile"), r.profileName},
        {QStringLiteral("vendor"), r.vendorId},
        {QStringLiteral("request"), request},
        {QStringLiteral("kickoffUrl"), Redactor::url(r.request.kickoffUrl())},
        {QStringLiteral("method"), r.request.usesPost() ? QStringLiteral("POST") : QStringLiteral("GET")},
        {QStringLiteral("transactionTime"), instant(r.transactionTime)},
        {QStringLiteral("requiresAccessToken"), r.requiresAccessToken},
        {QStringLiteral("expires"), instant(r.expires)},
        {QStringLiteral("timings"), QJsonObject{{QStringLiteral("created"), instant(r.createdAt)},
                                                {QStringLiteral("kickoff"), instant(r.kickoffAt)},
                                                {QStringLiteral("manifest"), instant(r.manifestAt)},
                                                {QStringLiteral("finished"), instant(r.finishedAt)},
                                                {QStringLiteral("statusPolls"), r.polls}}},
        {QStringLiteral("totals"), QJsonObject{{QStringLiteral("files"), r.files.size()},
                                               {QStringLiteral("verified"), r.filesIn(FileRecord::State::Verified)},
                                               {QStringLiteral("bytes"), r.bytesDone()}}},
        {QStringLiteral("files"), files},
        {QStringLiteral("deviations"), QJsonArray::fromStringList(r.deviations)},
        {QStringLiteral("problems"), QJsonArray::fromStringList(r.problems)},
    };
}

bool write(const ExportRecord &record, QString *error)
{
    if (!PrivateFiles::makeDirectory(record.outputDir, error)) {
        return false;
    }
    for (qsizetype i = 0; i < record.manifestPages.size(); ++i) {
        const QString name = i == 0 ? QStringLiteral("manifest.json") : QStringLiteral("manifest-%1.json").arg(i + 1);
        if (!writeJson(record.outputDir + QLatin1Char('/') + name, QJsonDocument(record.manifestPages.at(i).toObject()),
                       error)) {
            return false;
        }
    }
    if (!writeJson(record.outputDir + QStringLiteral("/export.json"), QJsonDocument(toJson(record)), error)) {
        return false;
    }
    syncDirectory(record.outputDir);
    return true;
}

} // namespace ExportSummary
