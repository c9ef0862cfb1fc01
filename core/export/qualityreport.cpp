#include "export/qualityreport.h"

#include "util/privatefiles.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMap>
#include <QPointer>
#include <QSaveFile>
#include <QThread>

#include <algorithm>
#include <string_view>
#include <vector>

namespace {

struct TypeStats
{
    qint64 resources = 0;
    qint64 manifestCount = 0;
    bool manifestCountKnown = true;
    qint64 withoutLastUpdated = 0;
    qint64 longIds = 0;
    std::vector<quint64> idHashes;
    bool idsComplete = true;
};

// The id hashes of each file index, from the append-only file the download queue keeps (last record wins).
QHash<int, std::vector<quint64>> readIdHashes(const QString &path)
{
    QHash<int, std::vector<quint64>> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return out;
    }
    qint64 header[2];
    while (file.read(reinterpret_cast<char *>(header), sizeof header) == qint64(sizeof header)) {
        if (header[1] < 0 || header[1] > file.size() / qint64(sizeof(quint64))) {
            break; // a torn tail
        }
        std::vector<quint64> hashes(static_cast<size_t>(header[1]));
        const qint64 bytes = header[1] * qint64(sizeof(quint64));
        if (file.read(reinterpret_cast<char *>(hashes.data()), bytes) != bytes) {
            break;
        }
        out.insert(int(header[0]), std::move(hashes));
    }
    return out;
}

} // namespace

namespace QualityReport {

QJsonObject analyse(const ExportRecord &record, const QString &idHashFile)
{
    const QHash<int, std::vector<quint64>> idHashes = readIdHashes(idHashFile);
    QMap<QString, TypeStats> types;
    QMap<QString, qint64> outcomeCodes;
    QStringList diagnostics;
    qint64 errorLines = 0;
    QStringList problems;
    for (const FileRecord &f : record.files) {
        if (f.state != FileRecord::State::Verified) {
            continue;
        }
        if (f.kind == ManifestEntry::Kind::Error) {
            errorLines += f.lines;
            for (auto it = f.outcomeCodes.begin(); it != f.outcomeCodes.end(); ++it) {
                outcomeCodes[it.key()] += it.value();
            }
            for (const QString &d : f.firstDiagnostics) {
                if (diagnostics.size() < 5) {
                    diagnostics << d;
                }
            }
            continue;
        }
        if (f.kind != ManifestEntry::Kind::Output) {
            continue;
        }
        TypeStats &s = types[f.type];
        s.resources += f.lines;
        if (f.count) {
            s.manifestCount += *f.count;
        } else {
            s.manifestCountKnown = false;
        }
        s.withoutLastUpdated += f.withoutLastUpdated;
        s.longIds += f.idsLongerThan64;
        if (const auto it = idHashes.constFind(f.index); it != idHashes.constEnd()) {
            s.idHashes.insert(s.idHashes.end(), it->begin(), it->end());
        } else if (f.lines > 0) {
            s.idsComplete = false;
        }
    }

    QJsonObject perType;
    qint64 total = 0;
    qint64 duplicates = 0;
    qint64 withoutLastUpdated = 0;
    qint64 longIds = 0;
    for (auto it = types.begin(); it != types.end(); ++it) {
        TypeStats &s = it.value();
        std::sort(s.idHashes.begin(), s.idHashes.end());
        qint64 dup = 0;
        for (size_t i = 1; i < s.idHashes.size(); ++i) {
            dup += s.idHashes[i] == s.idHashes[i - 1];
        }
        QJsonObject o{{QStringLiteral("resources"), s.resources},
                      {QStringLiteral("duplicateIds"), dup},
                      {QStringLiteral("withoutLastUpdated"), s.withoutLastUpdated},
                      {QStringLiteral("idsLongerThan64"), s.longIds}};
        if (s.manifestCountKnown) {
            o.insert(QStringLiteral("manifestCount"), s.manifestCount);
            o.insert(QStringLiteral("matchesManifest"), s.manifestCount == s.resources);
        }
        if (!s.idsComplete) {
            problems << QCoreApplication::translate("QualityReport",
                                                    "%1: duplicate ids were not checked for every file")
                            .arg(it.key());
        }
        perType.insert(it.key(), o);
        total += s.resources;
        duplicates += dup;
        withoutLastUpdated += s.withoutLastUpdated;
        longIds += s.longIds;
    }
    QJsonObject bySeverity;
    for (auto it = outcomeCodes.begin(); it != outcomeCodes.end(); ++it) {
        bySeverity.insert(it.key(), it.value());
    }
    return QJsonObject{
        {QStringLiteral("exportId"), record.id},
        {QStringLiteral("transactionTime"), record.transactionTime.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("resources"), total},
        {QStringLiteral("types"), perType},
        {QStringLiteral("duplicateIds"), duplicates},
        {QStringLiteral("withoutLastUpdated"), withoutLastUpdated},
        {QStringLiteral("idsLongerThan64"), longIds},
        {QStringLiteral("sinceTrustworthy"), withoutLastUpdated == 0},
        {QStringLiteral("errors"),
         QJsonObject{{QStringLiteral("lines"), errorLines},
                     {QStringLiteral("bySeverityAndCode"), bySeverity},
                     {QStringLiteral("firstDiagnostics"), QJsonArray::fromStringList(diagnostics)}}},
        {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
    };
}

bool write(const QString &outputDir, const QJsonObject &report, QString *error)
{
    QSaveFile file(outputDir + QStringLiteral("/report.json"));
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(PrivateFiles::kFile);
    file.write(QJsonDocument(report).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error =
            QCoreApplication::translate("QualityReport", "Cannot write the quality report: %1").arg(file.errorString());
        return false;
    }
    return true;
}

QString summary(const QJsonObject &r)
{
    const QLocale locale;
    QStringList parts;
    parts << QCoreApplication::translate("QualityReport", "%1 resources in %n type(s)", nullptr,
                                         static_cast<int>(r.value(QStringLiteral("types")).toObject().size()))
                 .arg(locale.toString(r.value(QStringLiteral("resources")).toInteger()));
    const qint64 dup = r.value(QStringLiteral("duplicateIds")).toInteger();
    parts << (dup == 0 ? QCoreApplication::translate("QualityReport", "no duplicate ids")
                       : QCoreApplication::translate("QualityReport", "%1 duplicate ids").arg(locale.toString(dup)));
    const qint64 noLast = r.value(QStringLiteral("withoutLastUpdated")).toInteger();
    if (noLast > 0) {
        parts << QCoreApplication::translate("QualityReport",
                                             "%1 without meta.lastUpdated (a later _since export may miss changes)")
                     .arg(locale.toString(noLast));
    }
    const qint64 errors = r.value(QStringLiteral("errors")).toObject().value(QStringLiteral("lines")).toInteger();
    if (errors > 0) {
        parts << QCoreApplication::translate("QualityReport", "%1 OperationOutcome line(s) in the error files")
                     .arg(locale.toString(errors));
    }
    const QJsonObject types = r.value(QStringLiteral("types")).toObject();
    for (auto it = types.begin(); it != types.end(); ++it) {
        const QJsonObject t = it.value().toObject();
        if (t.contains(QStringLiteral("matchesManifest")) && !t.value(QStringLiteral("matchesManifest")).toBool()) {
            parts << QCoreApplication::translate("QualityReport", "%1 differs from the manifest's count").arg(it.key());
        }
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace QualityReport

QualityReportRunner::QualityReportRunner(const ExportRecord &record, const QString &idHashFile, QObject *parent)
    : QObject(parent)
    , m_record(record)
    , m_idHashFile(idHashFile)
{
}

void QualityReportRunner::start()
{
    QPointer<QualityReportRunner> self(this);
    const ExportRecord record = m_record;
    const QString idHashFile = m_idHashFile;
    QThread *thread = QThread::create([self, record, idHashFile] {
        const QJsonObject report = QualityReport::analyse(record, idHashFile);
        QString error;
        QualityReport::write(record.outputDir, report, &error);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, report, error] {
                if (self) {
                    emit self->finished(report, error);
                    self->deleteLater();
                }
            },
            Qt::QueuedConnection);
    });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}
