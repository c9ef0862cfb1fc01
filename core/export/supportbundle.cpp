#include "export/supportbundle.h"

#include "export/exportsummary.h"
#include "net/requestfactory.h"
#include "util/privatefiles.h"
#include "util/redactor.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString shellQuote(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

bool writeFile(const QString &path, const QByteArray &content, QString *error)
{
    QFile f(path);
    if (!PrivateFiles::open(f, QIODevice::WriteOnly | QIODevice::Truncate, error)) {
        return false;
    }
    if (f.write(content) != content.size()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

} // namespace

namespace SupportBundle {

QByteArray shareableParameters(const ExportRecord &record)
{
    QJsonObject body = QJsonDocument::fromJson(record.request.parametersBody()).object();
    QJsonArray kept;
    int patients = 0;
    for (const QJsonValue &p : body.value(QStringLiteral("parameter")).toArray()) {
        if (p.toObject().value(QStringLiteral("name")).toString() == QLatin1String("patient")) {
            ++patients;
        } else {
            kept.append(p);
        }
    }
    if (patients > 0) {
        kept.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("patient")},
            {QStringLiteral("valueString"), QStringLiteral("[%1 patient reference(s) removed]").arg(patients)}});
    }
    body.insert(QStringLiteral("parameter"), kept);
    return QJsonDocument(body).toJson(QJsonDocument::Indented);
}

QString curlCommand(const ExportRecord &record)
{
    const ExportRequest &r = record.request;
    QStringList lines;
    lines << QStringLiteral("curl -sS -i") + (r.usesPost() ? QStringLiteral(" -X POST") : QString());
    lines << QStringLiteral("  -H 'Accept: application/fhir+json'");
    lines << QStringLiteral("  -H %1").arg(
        shellQuote(QStringLiteral("Prefer: ") + QString::fromLatin1(r.preferHeader())));
    lines << QStringLiteral("  -H %1").arg(
        shellQuote(QStringLiteral("User-Agent: ") + QString::fromLatin1(RequestFactory::userAgent())));
    lines << QStringLiteral("  -H \"Authorization: Bearer $FERRY_TOKEN\"");
    if (r.usesPost()) {
        lines << QStringLiteral("  -H 'Content-Type: application/fhir+json' --data-binary @parameters.json");
    }
    lines << QStringLiteral("  ") + shellQuote(r.kickoffUrl().toString(QUrl::FullyEncoded));
    return lines.join(QStringLiteral(" \\\n")) + QLatin1Char('\n');
}

QString write(const ExportRecord &record, const QString &tracePath, const QString &logText, const QString &directory,
              QString *error)
{
    const QString folder = directory + QStringLiteral("/ferry-support-") + record.id;
    if (!PrivateFiles::makeDirectory(folder, error)) {
        return {};
    }
    QJsonObject summary = ExportSummary::toJson(record);
    QJsonArray files;
    for (const QJsonValue &f : summary.value(QStringLiteral("files")).toArray()) {
        QJsonObject o = f.toObject();
        o.remove(QStringLiteral("url")); // pre-signed storage links are credentials
        files.append(o);
    }
    summary.insert(QStringLiteral("files"), files);
    summary.insert(QStringLiteral("state"), ExportStates::name(record.state));
    summary.insert(QStringLiteral("message"), Redactor::instance().text(record.message));
    summary.insert(QStringLiteral("statusUrl"), Redactor::url(record.statusUrl));

    QByteArray trace;
    QFile traceFile(tracePath);
    if (traceFile.open(QIODevice::ReadOnly)) {
        trace = traceFile.readAll();
    }
    const QString readme =
        QCoreApplication::translate(
            "SupportBundle",
            "Ferry support bundle for export %1 (Ferry %2).\n\n"
            "  request.sh        the kick-off as a curl command (set FERRY_TOKEN to a fresh access token to replay "
            "it)\n"
            "  parameters.json   the kick-off as a FHIR Parameters resource (patient references removed)\n"
            "  trace.ndjson      every HTTP exchange: method, URL, headers, status, timing; no tokens, no bodies\n"
            "  export.json       what Ferry knows about the export: state, message, files, deviations from the IG\n"
            "  log.txt           Ferry's log\n\n"
            "Nothing here contains access tokens, secrets or patient data. Review it before sending it anyway.\n")
            .arg(record.id, QStringLiteral(FERRY_VERSION));
    const struct
    {
        const char *name;
        QByteArray content;
    } parts[] = {
        {"README.txt", readme.toUtf8()},
        {"request.sh", QString(QStringLiteral("#!/bin/sh\n") + curlCommand(record)).toUtf8()},
        {"parameters.json", shareableParameters(record)},
        {"trace.ndjson", trace},
        {"export.json", QJsonDocument(summary).toJson(QJsonDocument::Indented)},
        {"log.txt", Redactor::instance().text(logText).toUtf8()},
    };
    for (const auto &part : parts) {
        if (!writeFile(folder + QLatin1Char('/') + QLatin1String(part.name), part.content, error)) {
            return {};
        }
    }
    return folder;
}

} // namespace SupportBundle
