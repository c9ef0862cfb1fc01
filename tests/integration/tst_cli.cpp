// ferry-cli as a user runs it: a separate process against a separate ferry-sandbox process, real files, real
// signals. Results are checked against the sandbox's ground truth.

#include "outputscanner.h"
#include "clirun.h"
#include "sandboxprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void groupExportOfTwoThousandPatientsMatchesTruth();
    void killedMidDownloadResumesWithoutLossOrDuplicates();
    void exitCodes_data();
    void exitCodes();
    void sinceLastContinuesFromTransactionTime();
    void cancelSendsDeleteAndListShowsIt();
    void helpExplainsCommands();

private:
    QProcessEnvironment environment() const;
    CliRun run(const QStringList &args, int timeoutMs = 120000);
    QProcess *launch(const QStringList &args);
    QJsonObject onlyJournal() const;
    QString jobIdAtServer(const QJsonObject &journal) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QProcessEnvironment TestCli::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_DATA_DIR"), m_dir->path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("HOME"), m_dir->path() + QStringLiteral("/home"));
    return env;
}

QProcess *TestCli::launch(const QStringList &args)
{
    auto *p = new QProcess(this);
    p->setProcessEnvironment(environment());
    p->start(qEnvironmentVariable("FERRY_CLI"), args);
    return p;
}

CliRun TestCli::run(const QStringList &args, int timeoutMs)
{
    QProcess *p = launch(args);
    CliRun r = CliRun::finish(*p, timeoutMs);
    p->deleteLater();
    return r;
}

QJsonObject TestCli::onlyJournal() const
{
    const QDir jobs(m_dir->path() + QStringLiteral("/data/jobs"));
    const QStringList files = jobs.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    if (files.isEmpty()) {
        return {};
    }
    QFile f(jobs.filePath(files.first()));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

QString TestCli::jobIdAtServer(const QJsonObject &journal) const
{
    return QUrl(journal.value(QStringLiteral("statusUrl")).toString()).path().section(QLatin1Char('/'), -1);
}

void TestCli::groupExportOfTwoThousandPatientsMatchesTruth()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--patients"), QStringLiteral("2000"), QStringLiteral("--polls"),
                            QStringLiteral("2"), QStringLiteral("--retry-after"), QStringLiteral("0.2"),
                            QStringLiteral("--quiet")},
                           &error),
             qPrintable(error));
    const QString out = m_dir->path() + QStringLiteral("/exports");
    const CliRun r = run({QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                          QStringLiteral("--group"), QStringLiteral("all"), QStringLiteral("--out"), out,
                          QStringLiteral("--label"), QStringLiteral("sandbox")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString exportDir = r.out.trimmed();
    QVERIFY2(exportDir.startsWith(out), qPrintable(r.out));
    QVERIFY(r.err.contains(QStringLiteral("Completed")));

    const QJsonObject journal = onlyJournal();
    const QJsonObject truth = sandbox.truth(jobIdAtServer(journal));
    QVERIFY(!truth.isEmpty());
    const OutputScanner scan(exportDir);
    const QString diff = scan.compare(truth);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(scan.ids.value(QStringLiteral("Patient")).size() == 2000);
}

void TestCli::killedMidDownloadResumesWithoutLossOrDuplicates()
{
    // Identity transfer: gzip would put a 300 KB file on the wire in ~10 KB, done before anything is part-way.
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--patients"), QStringLiteral("300"), QStringLiteral("--polls"),
                            QStringLiteral("0"), QStringLiteral("--resource-bytes"), QStringLiteral("1500"),
                            QStringLiteral("--resources-per-file"), QStringLiteral("200"), QStringLiteral("--fault"),
                            QStringLiteral("drip=400000"), QStringLiteral("--no-gzip"), QStringLiteral("--quiet")},
                           &error),
             qPrintable(error));
    const QString out = m_dir->path() + QStringLiteral("/exports");
    QProcess *cli = launch({QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                            QStringLiteral("--group"), QStringLiteral("all"), QStringLiteral("--out"), out,
                            QStringLiteral("--parallel"), QStringLiteral("3")});
    QVERIFY(cli->waitForStarted());

    // Kill it the hard way once at least one file is verified and others are part-way through.
    auto verifiedFiles = [&out] {
        int n = 0;
        QDirIterator it(out, {QStringLiteral("*.ndjson")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        return n;
    };
    auto partFiles = [&out] {
        int n = 0;
        QDirIterator it(out, {QStringLiteral("*.part")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            n += QFileInfo(it.filePath()).size() > 0;
        }
        return n;
    };
    QTRY_VERIFY_WITH_TIMEOUT(verifiedFiles() >= 1 && partFiles() >= 1, 60000);
    ::kill(static_cast<pid_t>(cli->processId()), SIGKILL);
    QVERIFY(cli->waitForFinished());
    QCOMPARE(cli->exitStatus(), QProcess::CrashExit);

    const QJsonObject journal = onlyJournal();
    const QString id = journal.value(QStringLiteral("id")).toString();
    QCOMPARE(journal.value(QStringLiteral("state")).toString(), QStringLiteral("downloading"));
    const int logBefore = static_cast<int>(sandbox.log().size());

    QVERIFY(sandbox.setFaults(QStringLiteral("drip=0")));
    const CliRun resumed = run({QStringLiteral("resume"), id});
    QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));

    const QJsonObject finalJournal = onlyJournal();
    const QString exportDir = finalJournal.value(QStringLiteral("outputDir")).toString();
    const OutputScanner scan(exportDir);
    const QString diff = scan.compare(sandbox.truth(jobIdAtServer(finalJournal)));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // The resume re-used the partial bytes: at least one request started mid-file with Range.
    const QJsonArray log = sandbox.log();
    bool ranged = false;
    for (qsizetype i = logBefore; i < log.size(); ++i) {
        ranged = ranged || log.at(i).toObject().value(QStringLiteral("rangeStart")).toInteger() > 0;
    }
    QVERIFY2(ranged, "no file was resumed with a Range request");
}

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("sandboxArgs");
    QTest::addColumn<QStringList>("cliArgs");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("usage: no level") << QStringList() << QStringList{QStringLiteral("export")} << 2
                                     << QStringLiteral("--base");
    QTest::newRow("server refuses kick-off")
        << QStringList{QStringLiteral("--fault"), QStringLiteral("kickoff-reject=422"), QStringLiteral("--fault"),
                       QStringLiteral("kickoff-reject-diagnostics=Group too large for export")}
        << QStringList{QStringLiteral("--group"), QStringLiteral("demo")} << 3
        << QStringLiteral("Group too large for export");
    QTest::newRow("verification failed") << QStringList{QStringLiteral("--polls"), QStringLiteral("0"),
                                                        QStringLiteral("--fault"), QStringLiteral("corrupt=wrong-type")}
                                         << QStringList{QStringLiteral("--group"), QStringLiteral("demo")} << 6
                                         << QStringLiteral("resourceType");
    QTest::newRow("unknown group") << QStringList() << QStringList{QStringLiteral("--group"), QStringLiteral("nope")}
                                   << 3 << QStringLiteral("404");
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, sandboxArgs);
    QFETCH(QStringList, cliArgs);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start(sandboxArgs << QStringLiteral("--quiet"), &error), qPrintable(error));
    QStringList args = cliArgs;
    if (args.size() > 1 || args.isEmpty() || args.first() != QLatin1String("export")) {
        args = QStringList{QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                           QStringLiteral("--out"), m_dir->path() + QStringLiteral("/x")} +
               cliArgs;
    }
    const CliRun r = run(args);
    QVERIFY2(r.exitCode == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestCli::sinceLastContinuesFromTransactionTime()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--polls"), QStringLiteral("0"), QStringLiteral("--quiet")}, &error),
             qPrintable(error));
    const QStringList base{QStringLiteral("export"),
                           QStringLiteral("--base"),
                           sandbox.fhirBase().toString(),
                           QStringLiteral("--group"),
                           QStringLiteral("demo"),
                           QStringLiteral("--out"),
                           m_dir->path() + QStringLiteral("/x")};
    const CliRun refused = run(base + QStringList{QStringLiteral("--since-last")});
    QCOMPARE(refused.exitCode, 2);
    const CliRun first = run(base);
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const QString transactionTime = onlyJournal().value(QStringLiteral("transactionTime")).toString();
    QVERIFY(!transactionTime.isEmpty());
    const CliRun second = run(base + QStringList{QStringLiteral("--since-last")});
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    const QJsonObject request = onlyJournal().value(QStringLiteral("request")).toObject();
    QCOMPARE(QDateTime::fromString(request.value(QStringLiteral("since")).toString(), Qt::ISODateWithMs),
             QDateTime::fromString(transactionTime, Qt::ISODateWithMs));
}

void TestCli::cancelSendsDeleteAndListShowsIt()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--polls"), QStringLiteral("100000"), QStringLiteral("--retry-after"),
                            QStringLiteral("0.2"), QStringLiteral("--quiet")},
                           &error),
             qPrintable(error));
    QProcess *cli = launch({QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                            QStringLiteral("--group"), QStringLiteral("demo"), QStringLiteral("--out"),
                            m_dir->path() + QStringLiteral("/x")});
    QTRY_VERIFY_WITH_TIMEOUT(!onlyJournal().value(QStringLiteral("statusUrl")).toString().isEmpty(), 20000);
    ::kill(static_cast<pid_t>(cli->processId()), SIGINT); // Ctrl-C: stops locally, resumable
    QVERIFY(cli->waitForFinished(20000));
    QCOMPARE(cli->exitCode(), 130);
    QVERIFY(QString::fromUtf8(cli->readAllStandardError()).contains(QStringLiteral("ferry-cli resume")));

    const QString id = onlyJournal().value(QStringLiteral("id")).toString();
    const CliRun cancelled = run({QStringLiteral("cancel"), id});
    QVERIFY2(cancelled.exitCode == 7, qPrintable(cancelled.err));
    bool sawDelete = false;
    for (const QJsonValue &e : sandbox.log()) {
        sawDelete = sawDelete || e.toObject().value(QStringLiteral("method")).toString() == QLatin1String("DELETE");
    }
    QVERIFY(sawDelete);
    const CliRun list = run({QStringLiteral("list")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(id) && list.out.contains(QStringLiteral("Cancelled")), qPrintable(list.out));
}

void TestCli::helpExplainsCommands()
{
    const CliRun r = run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    for (const char *word : {"export", "resume", "cancel", "status", "list", "Exit codes", "--token-file"}) {
        QVERIFY2(r.out.contains(QLatin1String(word)), word);
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
