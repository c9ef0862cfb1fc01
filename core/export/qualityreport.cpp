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

#include <simdjson.h>

#include <algorithm>
#include <string_view>
#include <vector>

namespace {

quint64 hashId(std::string_view type, std::string_view id)
{
    // FNV-1a over "type/id": collisions among a few million ids are vanishingly rare at 64 bits.
    quint64 h = 1469598103934665603ULL;
    auto mix = [&h](std::string_view s) {
        for (const char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
    };
    mix(type);
    mix("/");
    mix(id);
    return h;
}

// The string value of `name`, or empty when absent or not a string.
std::string_view stringField(simdjson::ondemand::object &object, std::string_view name)
{
    std::string_view value;
    if (object.find_field_unordered(name).get_string().get(value) != simdjson::SUCCESS) {
        return {};
    }
    return value;
}

struct TypeStats
{
    qint64 resources = 0;
    qint64 manifestCount = 0;
    bool manifestCountKnown = true;
    qint64 withoutLastUpdated = 0;
    qint64 longIds = 0;
    std::vector<quint64> idHashes;
};

struct OutcomeStats
{
    QMap<QString, qint64> bySeverityCode; // "error/processing" → n
    QStringList firstDiagnostics;
    qint64 lines = 0;
};

void scanFile(const QString &path, bool errorFile, TypeStats *stats, OutcomeStats *outcomes, QStringList *problems)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problems << QCoreApplication::translate("QualityReport", "cannot read %1").arg(path);
        return;
    }
    simdjson::ondemand::parser parser;
    simdjson::padded_string line;
    while (!file.atEnd()) {
        const QByteArray raw = file.readLine();
        const QByteArray trimmed = raw.trimmed();
        if (trimmed.isEmpty()) {
            continue;
        }
        line = simdjson::padded_string(trimmed.constData(), static_cast<size_t>(trimmed.size()));
        simdjson::ondemand::document doc;
        if (parser.iterate(line).get(doc) != simdjson::SUCCESS) {
            continue; // verification already vouched for every line; nothing to add here
        }
        simdjson::ondemand::object object;
        if (doc.get_object().get(object) != simdjson::SUCCESS) {
            continue;
        }
        if (errorFile) {
            ++outcomes->lines;
            simdjson::ondemand::array issues;
            if (object["issue"].get_array().get(issues) != simdjson::SUCCESS) {
                continue;
            }
            for (auto issueValue : issues) {
                simdjson::ondemand::object issue;
                if (issueValue.get_object().get(issue) != simdjson::SUCCESS) {
                    continue;
                }
                const std::string_view severity = stringField(issue, "severity");
                const std::string_view code = stringField(issue, "code");
                const std::string_view diagnostics = stringField(issue, "diagnostics");
                const QString key = QString::fromUtf8(severity.data(), qsizetype(severity.size())) + QLatin1Char('/') +
                                    QString::fromUtf8(code.data(), qsizetype(code.size()));
                ++outcomes->bySeverityCode[key];
                if (outcomes->firstDiagnostics.size() < 5 && !diagnostics.empty()) {
                    outcomes->firstDiagnostics << QString::fromUtf8(diagnostics.data(), qsizetype(diagnostics.size()));
                }
            }
            continue;
        }
        ++stats->resources;
        const std::string_view type = stringField(object, "resourceType");
        const std::string_view id = stringField(object, "id");
        if (!id.empty()) {
            stats->idHashes.push_back(hashId(type, id));
            stats->longIds += id.size() > 64;
        }
        simdjson::ondemand::object meta;
        std::string_view lastUpdated;
        if (object.find_field_unordered("meta").get_object().get(meta) != simdjson::SUCCESS ||
            meta.find_field_unordered("lastUpdated").get_string().get(lastUpdated) != simdjson::SUCCESS) {
            ++stats->withoutLastUpdated;
        }
    }
}

} // namespace

namespace QualityReport {

QJsonObject analyse(const ExportRecord &record)
{
    QMap<QString, TypeStats> types;
    OutcomeStats outcomes;
    QStringList problems;
    for (const FileRecord &f : record.files) {
        if (f.state != FileRecord::State::Verified) {
            continue;
        }
        const QString path = record.outputDir + QLatin1Char('/') + f.name;
        if (f.kind == ManifestEntry::Kind::Error) {
            scanFile(path, true, nullptr, &outcomes, &problems);
        } else if (f.kind == ManifestEntry::Kind::Output) {
            TypeStats &s = types[f.type];
            if (f.count) {
                s.manifestCount += *f.count;
            } else {
                s.manifestCountKnown = false;
            }
            scanFile(path, false, &s, nullptr, &problems);
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
        perType.insert(it.key(), o);
        total += s.resources;
        duplicates += dup;
        withoutLastUpdated += s.withoutLastUpdated;
        longIds += s.longIds;
    }
    QJsonObject bySeverity;
    for (auto it = outcomes.bySeverityCode.begin(); it != outcomes.bySeverityCode.end(); ++it) {
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
         QJsonObject{{QStringLiteral("lines"), outcomes.lines},
                     {QStringLiteral("bySeverityAndCode"), bySeverity},
                     {QStringLiteral("firstDiagnostics"), QJsonArray::fromStringList(outcomes.firstDiagnostics)}}},
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

QualityReportRunner::QualityReportRunner(const ExportRecord &record, QObject *parent)
    : QObject(parent)
    , m_record(record)
{
}

void QualityReportRunner::start()
{
    QPointer<QualityReportRunner> self(this);
    const ExportRecord record = m_record;
    QThread *thread = QThread::create([self, record] {
        const QJsonObject report = QualityReport::analyse(record);
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
