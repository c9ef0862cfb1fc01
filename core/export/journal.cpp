#include "export/journal.h"

#include "util/logging.h"
#include "util/privatefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

Journal::Journal(const QString &directory)
    : m_directory(directory)
{
}

Journal::~Journal() = default;

QString Journal::dataDirectory()
{
    const QString env = qEnvironmentVariable("FERRY_DATA_DIR");
    if (!env.isEmpty()) {
        return env;
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Journal::defaultDirectory()
{
    return dataDirectory() + QStringLiteral("/jobs");
}

QString Journal::snapshotPath(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".json");
}

QString Journal::eventsPath(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".events");
}

bool Journal::save(ExportRecord &record, QString *error)
{
    if (!PrivateFiles::makeDirectory(m_directory, error)) {
        return false;
    }
    QSaveFile file(snapshotPath(record.id));
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QCoreApplication::translate("Journal", "Cannot write the export journal %1: %2")
                     .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    file.setPermissions(PrivateFiles::kFile);
    file.write(record.toCompactJson());
    if (!file.commit()) {
        *error = QCoreApplication::translate("Journal", "Cannot write the export journal %1: %2 (is the disk full?)")
                     .arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    // Every event up to record.eventSequence is folded into the snapshot; start the event log afresh.
    if (auto it = m_events.find(record.id); it != m_events.end()) {
        it.value()->resize(0);
    } else {
        QFile::remove(eventsPath(record.id));
    }
    return true;
}

QFile *Journal::eventsFile(const QString &id, QString *error)
{
    auto it = m_events.find(id);
    if (it != m_events.end()) {
        return it.value().get();
    }
    // A crash mid-write leaves a last line without its newline. load() skips that torn line, but the next event
    // appended straight after it would be glued onto it and skipped too: end the torn line first.
    bool tornLine = false;
    {
        QFile probe(eventsPath(id));
        if (probe.open(QIODevice::ReadOnly) && probe.size() > 0 && probe.seek(probe.size() - 1)) {
            char last = 0;
            tornLine = probe.getChar(&last) && last != '\n';
        }
    }
    auto file = std::make_shared<QFile>(eventsPath(id));
    if (!PrivateFiles::open(*file, QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered, error)) {
        return nullptr;
    }
    if (tornLine && file->write("\n", 1) != 1) {
        *error = QCoreApplication::translate("Journal", "Cannot append to the export journal %1: %2 (is the disk "
                                                        "full?)")
                     .arg(QDir::toNativeSeparators(file->fileName()), file->errorString());
        return nullptr;
    }
    m_events.insert(id, file);
    return file.get();
}

bool Journal::appendFileEvent(ExportRecord &record, const FileRecord &file, QString *error)
{
    QFile *events = eventsFile(record.id, error);
    if (!events) {
        return false;
    }
    ++record.eventSequence;
    // {"file":{…},"seq":N} as QJsonDocument would write it, without building the objects.
    QByteArray line;
    line.reserve(512);
    line.append("{\"file\":");
    file.appendJson(line);
    line.append(",\"seq\":");
    line.append(QByteArray::number(record.eventSequence));
    line.append("}\n");
    if (events->write(line) != line.size()) {
        *error = QCoreApplication::translate("Journal", "Cannot append to the export journal %1: %2 (is the disk "
                                                        "full?)")
                     .arg(QDir::toNativeSeparators(events->fileName()), events->errorString());
        return false;
    }
    return true;
}

std::optional<ExportRecord> Journal::load(const QString &id, QString *error) const
{
    QFile file(snapshotPath(id));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("Journal", "No journal for export %1 (%2)").arg(id, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = QCoreApplication::translate("Journal", "The journal of export %1 is damaged (%2)")
                     .arg(id, parseError.errorString());
        return std::nullopt;
    }
    ExportRecord record = ExportRecord::fromJson(doc.object());

    QFile events(eventsPath(id));
    if (events.open(QIODevice::ReadOnly)) {
        while (!events.atEnd()) {
            const QByteArray line = events.readLine();
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            const qint64 seq = event.value(QStringLiteral("seq")).toInteger();
            if (event.isEmpty() || seq <= record.eventSequence) {
                continue; // older than the snapshot, or a line torn by a crash mid-write
            }
            const FileRecord f = FileRecord::fromJson(event.value(QStringLiteral("file")).toObject());
            if (FileRecord *target = record.file(f.index)) {
                *target = f;
            } else {
                qCWarning(lcExport) << "journal event for unknown file" << f.index << "in" << id;
            }
            record.eventSequence = seq;
        }
    }
    return record;
}

QStringList Journal::ids() const
{
    const QDir dir(m_directory);
    QStringList out;
    const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString &name : names) {
        out << name.chopped(5);
    }
    return out;
}

QString Journal::tracePath(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".trace");
}

QString Journal::idHashPath(const QString &id) const
{
    return m_directory + QLatin1Char('/') + id + QStringLiteral(".ids");
}

bool Journal::remove(const QString &id)
{
    m_events.remove(id);
    QFile::remove(idHashPath(id));
    QFile::remove(tracePath(id));
    QFile::remove(eventsPath(id));
    return QFile::remove(snapshotPath(id));
}
