#pragma once

#include "export/exportrecord.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

// The quality report of a finished export (report.json beside the data): resources per type against the
// manifest's counts, duplicate ids, resources without meta.lastUpdated (they make the next _since export
// untrustworthy: a change to them cannot be seen), ids longer than 64 characters, and the error files summarised
// by severity and code with the first diagnostics. Built from what verification gathered while the bytes arrived
// (FileRecord facts and the 64-bit id hashes of every verified file, appended to `idHashFile` as records of
// {qint64 file index, qint64 n, n × quint64}; the last record of an index wins): the data is not read again.
// Never quotes patient data: counts, and the diagnostics of OperationOutcomes.
namespace QualityReport {

// Blocking; call it off the GUI thread (QualityReportRunner does).
QJsonObject analyse(const ExportRecord &record, const QString &idHashFile);
// Writes <outputDir>/report.json (0600).
bool write(const QString &outputDir, const QJsonObject &report, QString *error);
// One line for people: "1,204 resources in 6 types; no duplicates; 12 without meta.lastUpdated; 3 error lines".
QString summary(const QJsonObject &report);

} // namespace QualityReport

// Runs QualityReport::analyse() on a worker thread and writes report.json; emits finished() once, on the thread
// that created it. Deletes itself after finished().
class QualityReportRunner : public QObject
{
    Q_OBJECT

public:
    QualityReportRunner(const ExportRecord &record, const QString &idHashFile, QObject *parent = nullptr);
    void start();

signals:
    void finished(const QJsonObject &report, const QString &error);

private:
    ExportRecord m_record;
    QString m_idHashFile;
};
