#include "export/exportrecord.h"

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
    // Files are appended with consecutive indexes, so the index is the position.
    if (index >= 0 && index < files.size() && files[index].index == index) {
        return &files[index];
    }
    for (FileRecord &f : files) {
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
    QJsonObject progressJson{{QStringLiteral("text"), progress.text}};
    if (progress.percent) {
        progressJson.insert(QStringLiteral("percent"), *progress.percent);
    }
    if (progress.count) {
        progressJson.insert(QStringLiteral("count"), *progress.count);
    }
    return QJsonObject{
        {QStringLiteral("format"), 1},
        {QStringLiteral("id"), id},
        {QStringLiteral("profileId"), profileId},
        {QStringLiteral("profileName"), profileName},
        {QStringLiteral("vendorId"), vendorId},
        {QStringLiteral("clientId"), clientId},
        {QStringLiteral("request"), request.toJson()},
        {QStringLiteral("outputDir"), outputDir},
        {QStringLiteral("parallelDownloads"), parallelDownloads},
        {QStringLiteral("deleteAfterDownload"), deleteAfterDownload},
        {QStringLiteral("state"), ExportStates::name(state)},
        {QStringLiteral("message"), message},
        {QStringLiteral("failureKind"), failureKind},
        {QStringLiteral("rejectedParameter"), rejectedParameter},
        {QStringLiteral("activity"), activity},
        {QStringLiteral("createdAt"), instant(createdAt)},
        {QStringLiteral("kickoffAt"), instant(kickoffAt)},
        {QStringLiteral("manifestAt"), instant(manifestAt)},
        {QStringLiteral("finishedAt"), instant(finishedAt)},
        {QStringLiteral("statusUrl"), statusUrl.toString(QUrl::FullyEncoded)},
        {QStringLiteral("polls"), polls},
        {QStringLiteral("progress"), progressJson},
        {QStringLiteral("manifestPages"), manifestPages},
        {QStringLiteral("manifestComplete"), manifestComplete},
        {QStringLiteral("transactionTime"), instant(transactionTime)},
        {QStringLiteral("requiresAccessToken"), requiresAccessToken},
        {QStringLiteral("expires"), instant(expires)},
        {QStringLiteral("manifestRefreshed"), manifestRefreshed},
        {QStringLiteral("deviations"), QJsonArray::fromStringList(deviations)},
        {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
        {QStringLiteral("files"), fileArray},
        {QStringLiteral("serverDeleted"), serverDeleted},
        {QStringLiteral("cleanupNote"), cleanupNote},
        {QStringLiteral("qualitySummary"), qualitySummary},
        {QStringLiteral("eventSequence"), eventSequence},
    };
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
