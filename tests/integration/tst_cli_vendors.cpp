// ferry-cli and the vendor presets, as a user meets them: `ferry-cli vendors`, the --vendor help, a preset that
// refuses a parameter before anything is sent, and a kick-off the server refused for a parameter, sent again
// with `ferry-cli resume ID --drop-parameter NAME` or `--lenient`. Separate processes over loopback.

#include "outputscanner.h"
#include "clirun.h"
#include "sandboxprocess.h"

#include "vendor/vendorregistry.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

// The Oracle Health persona, its 600 s Retry-After and 20-minute jobs shrunk to a fraction of a second.
const QString kScale = QStringLiteral("0.0005");

} // namespace

class TestCliVendors : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void vendorsListsEveryPreset();
    void vendorsShowsOnePresetInDetail();
    void exportHelpNamesThePresets();
    void presetRefusesUnsupportedParameterBeforeSending();
    void dropParameterIsValidated();
    void presetWarningsAndAdvice();
    void refusedParameterIsSentAgain_data();
    void refusedParameterIsSentAgain();

private:
    CliRun run(const QStringList &args, int timeoutMs = 120000);
    QJsonObject onlyJournal() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliVendors::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

CliRun TestCliVendors::run(const QStringList &args, int timeoutMs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_DATA_DIR"), m_dir->path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("HOME"), m_dir->path() + QStringLiteral("/home"));
    env.insert(QStringLiteral("FERRY_TIME_SCALE"), kScale);
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("FERRY_CLI"), args);
    return CliRun::finish(p, timeoutMs);
}

QJsonObject TestCliVendors::onlyJournal() const
{
    const QDir jobs(m_dir->path() + QStringLiteral("/data/jobs"));
    const QStringList files = jobs.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Time);
    if (files.size() != 1) {
        return {};
    }
    QFile f(jobs.filePath(files.first()));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

void TestCliVendors::vendorsListsEveryPreset()
{
    const CliRun r = run({QStringLiteral("vendors")});
    QCOMPARE(r.exitCode, 0);
    const QList<VendorProfile> &all = VendorRegistry::instance().all();
    QCOMPARE(all.size(), 10);
    for (const VendorProfile &v : all) {
        QVERIFY2(r.out.contains(QRegularExpression(
                     QStringLiteral("(^|\\n)%1 +%2\\n")
                         .arg(QRegularExpression::escape(v.id), QRegularExpression::escape(v.displayName)))),
                 qPrintable(v.id));
        // The connection help, re-flowed: its first words are there.
        QVERIFY2(r.out.contains(v.connectionHelp.section(QLatin1Char(' '), 0, 4)), qPrintable(v.id));
    }
    QVERIFY(r.out.contains(QStringLiteral("ferry-cli export --vendor ID")));
}

void TestCliVendors::vendorsShowsOnePresetInDetail()
{
    const CliRun r = run({QStringLiteral("vendors"), QStringLiteral("oracle")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(QStringLiteral("oracle ")));
    QVERIFY(!r.out.contains(QStringLiteral("\nepic ")));
    QVERIFY2(r.out.contains(QStringLiteral("- Oracle Health runs one export per client at a time")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("fhir-ehr.cerner.com/r4/<tenant id>")));

    const CliRun unknown = run({QStringLiteral("vendors"), QStringLiteral("cerner")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("Unknown vendor preset \"cerner\"")), qPrintable(unknown.err));
}

void TestCliVendors::exportHelpNamesThePresets()
{
    const CliRun r = run({QStringLiteral("export"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    const QString help = r.out.simplified(); // the help wraps the option's text
    for (const VendorProfile &v : VendorRegistry::instance().all()) {
        QVERIFY2(help.contains(QStringLiteral("%1 = %2").arg(v.id, v.displayName)), qPrintable(v.id));
    }
    QVERIFY(help.contains(QStringLiteral("--drop-parameter")));
    const CliRun general = run({QStringLiteral("--help")});
    QVERIFY(general.out.contains(QStringLiteral("vendors ")));
}

void TestCliVendors::presetRefusesUnsupportedParameterBeforeSending()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--persona"), QStringLiteral("oracle-health"), QStringLiteral("--quiet")},
                           &error),
             qPrintable(error));
    const CliRun r = run({QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                          QStringLiteral("--group"), QStringLiteral("demo"), QStringLiteral("--vendor"),
                          QStringLiteral("oracle"), QStringLiteral("--elements"), QStringLiteral("id"),
                          QStringLiteral("--out"), m_dir->path() + QStringLiteral("/out")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("Oracle Health (Cerner Millennium) does not support the _elements")),
             qPrintable(r.err));
    QCOMPARE(sandbox.log().size(), 0); // refused here, not by the server
}

void TestCliVendors::dropParameterIsValidated()
{
    const CliRun r = run({QStringLiteral("export"), QStringLiteral("--base"),
                          QStringLiteral("https://fhir.example.org"), QStringLiteral("--group"), QStringLiteral("g"),
                          QStringLiteral("--drop-parameter"), QStringLiteral("_count")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("\"_count\" is not a kick-off parameter")), qPrintable(r.err));
}

void TestCliVendors::presetWarningsAndAdvice()
{
    {
        // Epic: _since is unreliable — said before the export, which still runs.
        SandboxProcess sandbox;
        QString error;
        QVERIFY2(sandbox.start({QStringLiteral("--persona"), QStringLiteral("epic"), QStringLiteral("--time-scale"),
                                kScale, QStringLiteral("--patients"), QStringLiteral("30"), QStringLiteral("--quiet")},
                               &error),
                 qPrintable(error));
        const CliRun r =
            run({QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                 QStringLiteral("--group"), QStringLiteral("demo"), QStringLiteral("--vendor"), QStringLiteral("epic"),
                 QStringLiteral("--client-id"), QStringLiteral("c1"), QStringLiteral("--since"),
                 QStringLiteral("2024-01-01"), QStringLiteral("--out"), m_dir->path() + QStringLiteral("/epic")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Warning: Epic does not fill in meta.lastUpdated")), qPrintable(r.err));
    }
    // Veradigm: a type outside its 23 is warned about, refused by the server, and the refusal explained.
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--persona"), QStringLiteral("veradigm"), QStringLiteral("--time-scale"),
                            kScale, QStringLiteral("--patients"), QStringLiteral("30"), QStringLiteral("--quiet")},
                           &error),
             qPrintable(error));
    const CliRun r = run({QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                          QStringLiteral("--group"), QStringLiteral("demo"), QStringLiteral("--vendor"),
                          QStringLiteral("veradigm"), QStringLiteral("--type"), QStringLiteral("Patient,Claim"),
                          QStringLiteral("--out"), m_dir->path() + QStringLiteral("/veradigm")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("Warning: Veradigm does not list Claim")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("Veradigm exports only its 23 listed resource types")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("--drop-parameter _type")), qPrintable(r.err));
}

void TestCliVendors::refusedParameterIsSentAgain_data()
{
    QTest::addColumn<QStringList>("remedy");
    QTest::newRow("without _elements") << QStringList{QStringLiteral("--drop-parameter"), QStringLiteral("_elements")};
    QTest::newRow("lenient") << QStringList{QStringLiteral("--lenient")};
}

void TestCliVendors::refusedParameterIsSentAgain()
{
    QFETCH(QStringList, remedy);
    // Generic allows _elements; Oracle Health refuses it with 400. The CLI says how to send it again.
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(
        sandbox.start({QStringLiteral("--persona"), QStringLiteral("oracle-health"), QStringLiteral("--time-scale"),
                       kScale, QStringLiteral("--patients"), QStringLiteral("30"), QStringLiteral("--quiet")},
                      &error),
        qPrintable(error));
    const CliRun refused = run({QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                                QStringLiteral("--group"), QStringLiteral("demo"), QStringLiteral("--type"),
                                QStringLiteral("Patient,Condition"), QStringLiteral("--elements"), QStringLiteral("id"),
                                QStringLiteral("--out"), m_dir->path() + QStringLiteral("/out")});
    QCOMPARE(refused.exitCode, 2);
    const QJsonObject journal = onlyJournal();
    const QString id = journal.value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    QCOMPARE(journal.value(QStringLiteral("rejectedParameter")).toString(), QStringLiteral("_elements"));
    QVERIFY2(refused.err.contains(QStringLiteral("ferry-cli resume %1 --lenient").arg(id)), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QStringLiteral("ferry-cli resume %1 --drop-parameter _elements").arg(id)),
             qPrintable(refused.err));

    const CliRun again = run(QStringList{QStringLiteral("resume"), id} + remedy);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QJsonObject done = onlyJournal();
    const QString exportDir = done.value(QStringLiteral("outputDir")).toString();
    const QString jobId = QUrl(done.value(QStringLiteral("statusUrl")).toString()).path().section(QLatin1Char('/'), -1);
    const QString diff = OutputScanner(exportDir).compare(sandbox.truth(jobId));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QCOMPARE(done.value(QStringLiteral("request")).toObject().value(QStringLiteral("lenient")).toBool(),
             remedy.contains(QStringLiteral("--lenient")));

    // Resuming that way again has nothing to change: the export completed.
    const CliRun twice = run({QStringLiteral("resume"), id, QStringLiteral("--lenient")});
    QCOMPARE(twice.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliVendors)
#include "tst_cli_vendors.moc"
