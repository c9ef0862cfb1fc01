// The ferry-sandbox executable as the desktop app and the benchmarks use it: one JSON line on stdout, human
// lines on stderr, flags, clean exit on SIGTERM and after --exit-after-idle.
#include "selftest/exportprobe.h"
#include "selftest/rawhttpclient.h"

#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

class TstSandboxCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void helpIsComplete();
    void badFlagsFail_data();
    void badFlagsFail();
    void startupLineThenServeThenSigterm();
    void flagsReachTheServer();
    void exitsWhenIdle();

private:
    // Starts the sandbox and returns its startup JSON (empty on failure).
    QJsonObject launch(QProcess &process, const QStringList &args);

    QString m_program;
    QByteArray m_startupLine;
};

void TstSandboxCli::initTestCase()
{
    m_program = qEnvironmentVariable("FERRY_SANDBOX");
    QVERIFY2(!m_program.isEmpty(), "FERRY_SANDBOX must point at the ferry-sandbox executable (set by ctest)");
}

QJsonObject TstSandboxCli::launch(QProcess &process, const QStringList &args)
{
    process.start(m_program, args);
    if (!process.waitForStarted(10000)) {
        return {};
    }
    QSignalSpy output(&process, &QProcess::readyReadStandardOutput);
    while (!process.canReadLine()) {
        if (!output.wait(10000)) {
            return {};
        }
    }
    m_startupLine = process.readLine();
    return QJsonDocument::fromJson(m_startupLine).object();
}

void TstSandboxCli::helpIsComplete()
{
    QProcess p;
    p.start(m_program, {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QString help = QString::fromUtf8(p.readAllStandardOutput());
    for (const char *needle : {"--persona", "--auth", "--client-config", "--fault", "--time-scale", "--patients",
                               "--resource-bytes", "--group", "--file-origin", "--file-ttl", "--manifest-page-size",
                               "--exit-after-idle", "/__truth", "standard", "2 GB", "10,000 files"}) {
        QVERIFY2(help.contains(QLatin1String(needle)), needle);
    }
    p.start(m_program, {QStringLiteral("--help-faults")});
    QVERIFY(p.waitForFinished(10000));
    const QString faults = QString::fromUtf8(p.readAllStandardOutput());
    for (const char *needle : {"poll-429", "poll-transient", "poll-fatal", "drop-after", "drip", "corrupt",
                               "ignore-range", "token-400", "kickoff-reject", "retry-after-form"}) {
        QVERIFY2(faults.contains(QLatin1String(needle)), needle);
    }
}

void TstSandboxCli::badFlagsFail_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("bad persona") << QStringList{QStringLiteral("--persona"), QStringLiteral("acme")}
                                 << QStringLiteral("acme");
    QTest::newRow("bad number") << QStringList{QStringLiteral("--patients"), QStringLiteral("many")}
                                << QStringLiteral("--patients");
    QTest::newRow("bad fault") << QStringList{QStringLiteral("--fault"), QStringLiteral("poll-429=soon")}
                               << QStringLiteral("poll-429");
    QTest::newRow("auth without clients")
        << QStringList{QStringLiteral("--auth"), QStringLiteral("smart")} << QStringLiteral("--client-config");
    QTest::newRow("missing client config")
        << QStringList{QStringLiteral("--auth"), QStringLiteral("smart"), QStringLiteral("--client-config"),
                       QStringLiteral("/nonexistent/clients.json")}
        << QStringLiteral("clients.json");
}

void TstSandboxCli::badFlagsFail()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    QProcess p;
    p.start(m_program, args);
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(p.exitCode() != 0);
    QVERIFY(p.readAllStandardOutput().isEmpty()); // nothing a launcher could mistake for the startup line
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

void TstSandboxCli::startupLineThenServeThenSigterm()
{
    QProcess p;
    const QJsonObject startup = launch(p, {QStringLiteral("--port"), QStringLiteral("0")});
    QVERIFY2(!startup.isEmpty(), p.readAllStandardError().constData());
    QCOMPARE(startup.keys(), (QStringList{QStringLiteral("fhirBase"), QStringLiteral("fileOrigin"),
                                          QStringLiteral("persona"), QStringLiteral("tokenUrl")}));
    // Exactly one line, keys in the documented order.
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^\\{\"fhirBase\":\"[^\"]+\",\"fileOrigin\":\"[^\"]+\",\"tokenUrl\":\"[^\"]+\","
                                "\"persona\":\"standard\"\\}\n$"))
                 .match(QString::fromUtf8(m_startupLine))
                 .hasMatch(),
             m_startupLine.constData());
    const QString base = startup.value(QLatin1String("fhirBase")).toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:\\d+/fhir$")).match(base).hasMatch(),
             qPrintable(base));
    QVERIFY(QRegularExpression(QStringLiteral("^http://localhost:\\d+$"))
                .match(startup.value(QLatin1String("fileOrigin")).toString())
                .hasMatch());
    QCOMPARE(startup.value(QLatin1String("persona")).toString(), QStringLiteral("standard"));

    RawHttpClient http{QUrl(base)};
    ExportProbe probe(http);
    const RawResponse manifest = probe.pollUntilDone(probe.kickoff("/fhir/Group/demo/$export?_type=Patient"));
    QCOMPARE(manifest.status, 200);
    QCOMPARE(
        ExportProbe::lines(
            probe.fetch(ExportProbe::outputs(manifest)[0].toObject().value(QLatin1String("url")).toString().toUtf8())
                .body)
            .size(),
        25);

    QSignalSpy finished(&p, &QProcess::finished);
    p.terminate(); // SIGTERM
    QVERIFY(finished.wait(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().isEmpty()); // exactly one line on stdout
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QLatin1String("GET /fhir/Group/demo/$export")), qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("stopped")), qPrintable(err));
}

void TstSandboxCli::flagsReachTheServer()
{
    QProcess p;
    const QJsonObject startup =
        launch(p, {QStringLiteral("--patients"), QStringLiteral("40"), QStringLiteral("--group"),
                   QStringLiteral("tiny=3"), QStringLiteral("--fault"), QStringLiteral("poll-429=1"),
                   QStringLiteral("--polls"), QStringLiteral("0"), QStringLiteral("--quiet")});
    QVERIFY(!startup.isEmpty());
    RawHttpClient http{QUrl(startup.value(QLatin1String("fhirBase")).toString())};
    QCOMPARE(http.get("/fhir/Group/tiny").json().object().value(QLatin1String("quantity")).toInt(), 3);
    QCOMPARE(http.get("/fhir/Group/all").json().object().value(QLatin1String("quantity")).toInt(), 40);
    ExportProbe probe(http);
    const QByteArray status = probe.kickoff("/fhir/Group/tiny/$export");
    QCOMPARE(http.get(RawHttpClient::target(status)).status, 429);
    QCOMPARE(http.get(RawHttpClient::target(status)).status, 200);
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QVERIFY(!p.readAllStandardError().contains("GET /fhir")); // --quiet
}

void TstSandboxCli::exitsWhenIdle()
{
    QProcess p;
    QVERIFY(!launch(p, {QStringLiteral("--exit-after-idle"), QStringLiteral("0.3")}).isEmpty());
    QSignalSpy finished(&p, &QProcess::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardError().contains("idle"));
}

QTEST_GUILESS_MAIN(TstSandboxCli)
#include "tst_sandbox_cli.moc"
