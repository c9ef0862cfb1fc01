#include "export/exportrecord.h"

#include <QJsonDocument>
#include <QRandomGenerator>

namespace {
QString instant(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODateWithMs) : QString();
}
QDateTime parse(const QJsonValue &v)
{
    return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
}

QJsonObject withoutFiles(const ExportRecord &r)
{
    QJsonObject progressJson{{QStringLiteral("text"), r.progress.text}};
    if (r.progress.percent) {
        progressJson.insert(QStringLiteral("percent"), *r.progress.percent);
    }
    if (r.progress.count) {
        progressJson.insert(QStringLiteral("count"), *r.progress.count);
    }
    return QJsonObject{
        {QStringLiteral("format"), 1},
        {QStringLiteral("id"), r.id},
        {QStringLiteral("profileId"), r.profileId},
        {QStringLiteral("profileName"), r.profileName},
        {QStringLiteral("vendorId"), r.vendorId},
        {QStringLiteral("clientId"), r.clientId},
        {QStringLiteral("request"), r.request.toJson()},
        {QStringLiteral("outputDir"), r.outputDir},
        {QStringLiteral("parallelDownloads"), r.parallelDownloads},
        {QStringLiteral("deleteAfterDownload"), r.deleteAfterDownload},
        {QStringLiteral("state"), ExportStates::name(r.state)},
        {QStringLiteral("message"), r.message},
        {QStringLiteral("failureKind"), r.failureKind},
        {QStringLiteral("rejectedParameter"), r.rejectedParameter},
        {QStringLiteral("activity"), r.activity},
        {QStringLiteral("createdAt"), instant(r.createdAt)},
        {QStringLiteral("kickoffAt"), instant(r.kickoffAt)},
        {QStringLiteral("manifestAt"), instant(r.manifestAt)},
        {QStringLiteral("finishedAt"), instant(r.finishedAt)},
        {QStringLiteral("statusUrl"), r.statusUrl.toString(QUrl::FullyEncoded)},
        {QStringLiteral("polls"), r.polls},
        {QStringLiteral("progress"), progressJson},
        {QStringLiteral("manifestPages"), r.manifestPages},
        {QStringLiteral("manifestComplete"), r.manifestComplete},
        {QStringLiteral("transactionTime"), instant(r.transactionTime)},
        {QStringLiteral("requiresAccessToken"), r.requiresAccessToken},
        {QStringLiteral("expires"), instant(r.expires)},
        {QStringLiteral("manifestRefreshed"), r.manifestRefreshed},
        {QStringLiteral("deviations"), QJsonArray::fromStringList(r.deviations)},
        {QStringLiteral("problems"), QJsonArray::fromStringList(r.problems)},
        {QStringLiteral("serverDeleted"), r.serverDeleted},
        {QStringLiteral("cleanupNote"), r.cleanupNote},
        {QStringLiteral("qualitySummary"), r.qualitySummary},
        {QStringLiteral("eventSequence"), r.eventSequence},
    };
}
} // namespace

qint64 ExportRecord::bytesDone() const
{
    qint64 sum = 0;
    for (const FileRecord &f : files) {
        sum += f.bytes;
    }
    return sum;
}

int ExportRecord::filesIn(FileRecord::State state) const
{
    return static_cast<int>(
        std::count_if(files.begin(), files.end(), [state](const FileRecord &f) { return f.state == state; }));
}

int ExportRecord::filesFinal() const
{
    return static_cast<int>(std::count_if(files.begin(), files.end(), [](const FileRecord &f) { return f.isFinal(); }));
}

FileRecord *ExportRecord::file(int index)
{
    return const_cast<FileRecord *>(std::as_const(*this).file(index));
}

const FileRecord *ExportRecord::file(int index) const
{
    // Files are appended with consecutive indexes, so the index is the position.
    if (index >= 0 && index < files.size() && files[index].index == index) {
        return &files[index];
    }
    for (const FileRecord &f : files) {
        if (f.index == index) {
            return &f;
        }
    }
    return nullptr;
}

QJsonObject ExportRecord::toJson() const
{
    QJsonArray fileArray;
    for (const FileRecord &f : files) {
        fileArray.append(f.toJson());
    }
    QJsonObject o = withoutFiles(*this);
    o.insert(QStringLiteral("files"), fileArray);
    return o;
}

QByteArray ExportRecord::toCompactJson() const
{
    // Everything but the files through QJsonDocument, the files through FileRecord::appendJson, spliced in where
    // QJsonObject's sorted keys put "files": just before "finishedAt", which is always present. Nothing before it
    // is an object, so its first occurrence as `,"finishedAt":` is the key (a quote inside a string is escaped).
    const QByteArray rest = QJsonDocument(withoutFiles(*this)).toJson(QJsonDocument::Compact);
    const qsizetype at = rest.indexOf(",\"finishedAt\":");
    Q_ASSERT(at > 0);
    QByteArray out;
    out.reserve(rest.size() + files.size() * 512);
    out.append(rest.constData(), at);
    out.append(",\"files\":[");
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (i > 0) {
            out.append(',');
        }
        files.at(i).appendJson(out);
    }
    out.append(']');
    out.append(rest.constData() + at, rest.size() - at);
    return out;
}

ExportRecord ExportRecord::fromJson(const QJsonObject &o)
{
    auto strings = [](const QJsonValue &v) {
        QStringList out;
        for (const QJsonValue &s : v.toArray()) {
            out << s.toString();
        }
        return out;
    };
    ExportRecord r;
    r.id = o.value(QStringLiteral("id")).toString();
    r.profileId = o.value(QStringLiteral("profileId")).toString();
    r.profileName = o.value(QStringLiteral("profileName")).toString();
    r.vendorId = o.value(QStringLiteral("vendorId")).toString(QStringLiteral("generic"));
    r.clientId = o.value(QStringLiteral("clientId")).toString();
    r.request = ExportRequest::fromJson(o.value(QStringLiteral("request")).toObject());
    r.outputDir = o.value(QStringLiteral("outputDir")).toString();
    r.parallelDownloads = o.value(QStringLiteral("parallelDownloads")).toInt(4);
    r.deleteAfterDownload = o.value(QStringLiteral("deleteAfterDownload")).toBool(true);
    r.state = ExportStates::fromName(o.value(QStringLiteral("state")).toString()).value_or(ExportState::Failed);
    r.message = o.value(QStringLiteral("message")).toString();
    r.failureKind = o.value(QStringLiteral("failureKind")).toString();
    r.rejectedParameter = o.value(QStringLiteral("rejectedParameter")).toString();
    r.activity = o.value(QStringLiteral("activity")).toString();
    r.createdAt = parse(o.value(QStringLiteral("createdAt")));
    r.kickoffAt = parse(o.value(QStringLiteral("kickoffAt")));
    r.manifestAt = parse(o.value(QStringLiteral("manifestAt")));
    r.finishedAt = parse(o.value(QStringLiteral("finishedAt")));
    r.statusUrl = QUrl(o.value(QStringLiteral("statusUrl")).toString(), QUrl::StrictMode);
    r.polls = o.value(QStringLiteral("polls")).toInt();
    const QJsonObject p = o.value(QStringLiteral("progress")).toObject();
    r.progress.text = p.value(QStringLiteral("text")).toString();
    if (p.contains(QStringLiteral("percent"))) {
        r.progress.percent = p.value(QStringLiteral("percent")).toDouble();
    }
    if (p.contains(QStringLiteral("count"))) {
        r.progress.count = p.value(QStringLiteral("count")).toInteger();
    }
    r.manifestPages = o.value(QStringLiteral("manifestPages")).toArray();
    r.manifestComplete = o.value(QStringLiteral("manifestComplete")).toBool();
    r.transactionTime = parse(o.value(QStringLiteral("transactionTime")));
    r.requiresAccessToken = o.value(QStringLiteral("requiresAccessToken")).toBool(true);
    r.expires = parse(o.value(QStringLiteral("expires")));
    r.manifestRefreshed = o.value(QStringLiteral("manifestRefreshed")).toBool();
    r.deviations = strings(o.value(QStringLiteral("deviations")));
    r.problems = strings(o.value(QStringLiteral("problems")));
    for (const QJsonValue &f : o.value(QStringLiteral("files")).toArray()) {
        r.files.append(FileRecord::fromJson(f.toObject()));
    }
    r.serverDeleted = o.value(QStringLiteral("serverDeleted")).toBool();
    r.cleanupNote = o.value(QStringLiteral("cleanupNote")).toString();
    r.qualitySummary = o.value(QStringLiteral("qualitySummary")).toString();
    r.eventSequence = o.value(QStringLiteral("eventSequence")).toInteger();
    return r;
}

QString ExportRecord::newId(const QDateTime &nowUtc)
{
    const quint32 suffix = QRandomGenerator::global()->bounded(0x10000u);
    return nowUtc.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss")) + QLatin1Char('-') +
           QStringLiteral("%1").arg(suffix, 4, 16, QLatin1Char('0'));
}
