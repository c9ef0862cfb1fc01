// ferry-cli with stored server profiles under every auth method, against ferry-sandbox verifying credentials for
// real (its own OpenSSL checks of RS384/ES384 assertions). Secrets go in through files and environment variables
// only; afterwards no secret byte may appear in any file Ferry wrote, nor on ferry-cli's command line.
// Needs a Secret Service: CI runs every test under scripts/with-keyring.

#include "outputscanner.h"
#include "clirun.h"
#include "sandboxprocess.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void smartWithGeneratedKey_data();
    void smartWithGeneratedKey();
    void clientSecret();
    void vendorHeaders();
    void staticToken();
    void noSecretInFilesOrCommandLine();
    void withoutKeychainSecretsComeFromTheEnvironment();

private:
    CliRun run(const QStringList &args, const QProcessEnvironment &extra = {}, bool keychain = true);
    QString writeFile(const QString &name, const QByteArray &content);
    // Starts `sandbox` with one registered client (granted system/*.read) under auth mode `mode`.
    bool startWithClient(SandboxProcess &sandbox, const QString &mode, QJsonObject client, QString *error,
                         const QStringList &extra = {});
    void exportAndCompare(SandboxProcess &sandbox, const QString &profile, const QStringList &extra = {},
                          const QProcessEnvironment &env = {});

    QTemporaryDir m_dir;
    QStringList m_secrets; // every secret value used, to search for afterwards
};

void TestCliAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("needs a Secret Service: run through scripts/with-keyring (CI does)");
    }
}

CliRun TestCliAuth::run(const QStringList &args, const QProcessEnvironment &extra, bool keychain)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_CONFIG_DIR"), m_dir.path() + QStringLiteral("/config"));
    env.insert(QStringLiteral("FERRY_DATA_DIR"), m_dir.path() + QStringLiteral("/data"));
    if (!keychain) {
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent/bus"));
        env.remove(QStringLiteral("DISPLAY"));
    }
    for (const QString &k : extra.keys()) {
        env.insert(k, extra.value(k));
    }
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("FERRY_CLI"), args);
    return CliRun::finish(p, 120000);
}

QString TestCliAuth::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.path() + QLatin1Char('/') + name;
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    f.write(content);
    return path;
}

bool TestCliAuth::startWithClient(SandboxProcess &sandbox, const QString &mode, QJsonObject client, QString *error,
                                  const QStringList &extra)
{
    client.insert(QStringLiteral("scopes"), QJsonArray{QStringLiteral("system/*.read")});
    const QString config =
        writeFile(QStringLiteral("clients-%1.json").arg(QDateTime::currentMSecsSinceEpoch()),
                  QJsonDocument(QJsonObject{{QStringLiteral("clients"), QJsonArray{client}}}).toJson());
    return sandbox.start(QStringList{QStringLiteral("--auth"), mode, QStringLiteral("--client-config"), config,
                                     QStringLiteral("--quiet")} +
                             extra,
                         error);
}

void TestCliAuth::exportAndCompare(SandboxProcess &sandbox, const QString &profile, const QStringList &extra,
                                   const QProcessEnvironment &env)
{
    const CliRun r = run(QStringList{QStringLiteral("export"), QStringLiteral("--profile"), profile,
                                     QStringLiteral("--out"), m_dir.path() + QStringLiteral("/out")} +
                             extra,
                         env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString exportDir = r.out.trimmed();
    const QJsonArray jobs = sandbox.jobs();
    QVERIFY(!jobs.isEmpty());
    const QString jobId = jobs.last().toObject().value(QStringLiteral("id")).toString();
    const QString diff = OutputScanner(exportDir).compare(sandbox.truth(jobId));
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCliAuth::smartWithGeneratedKey_data()
{
    QTest::addColumn<QString>("alg");
    QTest::newRow("ES384") << QStringLiteral("ES384");
    QTest::newRow("RS384") << QStringLiteral("RS384");
}

void TestCliAuth::smartWithGeneratedKey()
{
    QFETCH(QString, alg);
    const QString name = QStringLiteral("smart-") + alg.toLower();
    // The profile first (the sandbox's address is not known yet), then the key into its keychain slot.
    CliRun r = run({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("--name"), name,
                    QStringLiteral("--base"), QStringLiteral("http://127.0.0.1:9/fhir"), QStringLiteral("--auth"),
                    QStringLiteral("smart"), QStringLiteral("--client-id"), QStringLiteral("ferry-") + alg,
                    QStringLiteral("--group"), QStringLiteral("demo=Demo cohort")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString jwksPath = m_dir.path() + QStringLiteral("/jwks-") + alg + QStringLiteral(".json");
    r = run({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("--alg"), alg,
             QStringLiteral("--profile"), name, QStringLiteral("--jwks-out"), jwksPath});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile jwksFile(jwksPath);
    QVERIFY(jwksFile.open(QIODevice::ReadOnly));
    const QJsonObject jwks = QJsonDocument::fromJson(jwksFile.readAll()).object();
    const QJsonObject key = jwks.value(QStringLiteral("keys")).toArray().first().toObject();
    QCOMPARE(key.value(QStringLiteral("alg")).toString(), alg);
    QVERIFY(!key.contains(QStringLiteral("d"))); // public only

    // The sandbox knows the client only through the JWKS Ferry exported; tokens live 3 s, the export longer.
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(startWithClient(sandbox, QStringLiteral("smart"),
                             {{QStringLiteral("client_id"), QString(QStringLiteral("ferry-") + alg)},
                              {QStringLiteral("jwks"), jwks}},
                             &error,
                             {QStringLiteral("--token-ttl"), QStringLiteral("3"), QStringLiteral("--polls"),
                              QStringLiteral("3"), QStringLiteral("--retry-after"), QStringLiteral("1.5")}),
             qPrintable(error));
    r = run({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("--name"), name,
             QStringLiteral("--base"), sandbox.fhirBase().toString()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    exportAndCompare(sandbox, name, {QStringLiteral("--group"), QStringLiteral("Demo cohort")});

    int tokens = 0;
    for (const QJsonValue &e : sandbox.log()) {
        tokens += e.toObject().value(QStringLiteral("target")).toString().startsWith(QLatin1String("/auth/token"));
    }
    QVERIFY2(tokens >= 2, "3-second tokens over a longer export must have been renewed");
}

void TestCliAuth::clientSecret()
{
    const QString secret =
        QStringLiteral("cs-") + QString::number(QDateTime::currentMSecsSinceEpoch()) + QStringLiteral("+/=");
    m_secrets << secret;
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(startWithClient(sandbox, QStringLiteral("client-secret"),
                             {{QStringLiteral("client_id"), QStringLiteral("ferry-secret")},
                              {QStringLiteral("client_secret"), secret}},
                             &error),
             qPrintable(error));
    QProcessEnvironment env;
    env.insert(QStringLiteral("TEST_CLIENT_SECRET"), secret);
    const CliRun r = run({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("--name"),
                          QStringLiteral("secret"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                          QStringLiteral("--auth"), QStringLiteral("client-secret"), QStringLiteral("--client-id"),
                          QStringLiteral("ferry-secret"), QStringLiteral("--client-secret-env"),
                          QStringLiteral("TEST_CLIENT_SECRET"), QStringLiteral("--group"), QStringLiteral("demo")},
                         env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    exportAndCompare(sandbox, QStringLiteral("secret"));
}

void TestCliAuth::vendorHeaders()
{
    const QString secret = QStringLiteral("hdr-") + QString::number(QDateTime::currentMSecsSinceEpoch());
    m_secrets << secret;
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(startWithClient(sandbox, QStringLiteral("headers"),
                             {{QStringLiteral("client_id"), QStringLiteral("ferry-1up")},
                              {QStringLiteral("client_secret"), secret},
                              {QStringLiteral("user_id"), QStringLiteral("client")}},
                             &error),
             qPrintable(error));
    QProcessEnvironment env;
    env.insert(QStringLiteral("TEST_HEADER_SECRET"), secret);
    const CliRun r =
        run({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("--name"), QStringLiteral("headers"),
             QStringLiteral("--base"), sandbox.fhirBase().toString(), QStringLiteral("--auth"),
             QStringLiteral("headers"), QStringLiteral("--header"), QStringLiteral("client_id=ferry-1up"),
             QStringLiteral("--header"), QStringLiteral("x-oneup-user-id=client"), QStringLiteral("--secret-header"),
             QStringLiteral("client_secret=env:TEST_HEADER_SECRET"), QStringLiteral("--group"), QStringLiteral("demo")},
            env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    exportAndCompare(sandbox, QStringLiteral("headers"));
}

void TestCliAuth::staticToken()
{
    const QString token = QStringLiteral("static-") + QString::number(QDateTime::currentMSecsSinceEpoch());
    m_secrets << token;
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(startWithClient(sandbox, QStringLiteral("static"),
                             {{QStringLiteral("client_id"), QStringLiteral("ferry-static")},
                              {QStringLiteral("static_token"), token}},
                             &error),
             qPrintable(error));
    const CliRun r = run({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("--name"),
                          QStringLiteral("static"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
                          QStringLiteral("--auth"), QStringLiteral("static-token"), QStringLiteral("--token-file"),
                          writeFile(QStringLiteral("token.txt"), token.toUtf8()), QStringLiteral("--group"),
                          QStringLiteral("demo")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    exportAndCompare(sandbox, QStringLiteral("static"));

    // A wrong token: the server's 401 becomes exit code 4 with words, not a hang.
    QFile::remove(m_dir.path() + QStringLiteral("/token.txt"));
    const CliRun refused =
        run({QStringLiteral("export"), QStringLiteral("--profile"), QStringLiteral("static"), QStringLiteral("--out"),
             m_dir.path() + QStringLiteral("/out"), QStringLiteral("--token-file"),
             writeFile(QStringLiteral("wrong.txt"), "not-the-token")});
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains(QStringLiteral("401")) || refused.err.contains(QStringLiteral("refused")),
             qPrintable(refused.err));
}

void TestCliAuth::noSecretInFilesOrCommandLine()
{
    // Runs after the exports above (Qt Test keeps declaration order): search every byte Ferry wrote.
    QVERIFY(!m_secrets.isEmpty());
    QDirIterator it(m_dir.path(), QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        if (QFileInfo(path).fileName().startsWith(QLatin1String("clients-")) ||
            QFileInfo(path).fileName().endsWith(QLatin1String(".txt"))) {
            continue; // the test's own inputs
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        for (const QString &secret : std::as_const(m_secrets)) {
            QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(path));
        }
        QVERIFY2(!bytes.contains("PRIVATE KEY"), qPrintable(path));
        ++files;
    }
    QVERIFY(files > 10);

    // While an export runs, its command line holds no secret (they come from the keychain, files, variables).
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--polls"), QStringLiteral("100"), QStringLiteral("--quiet")}, &error),
             qPrintable(error));
    QProcess cli;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FERRY_DATA_DIR"), m_dir.path() + QStringLiteral("/data"));
    env.insert(QStringLiteral("TEST_TOKEN"), m_secrets.last());
    cli.setProcessEnvironment(env);
    cli.start(qEnvironmentVariable("FERRY_CLI"),
              {QStringLiteral("export"), QStringLiteral("--base"), sandbox.fhirBase().toString(),
               QStringLiteral("--group"), QStringLiteral("demo"), QStringLiteral("--token-env"),
               QStringLiteral("TEST_TOKEN"), QStringLiteral("--out"), m_dir.path() + QStringLiteral("/out")});
    QVERIFY(cli.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(sandbox.jobs().size() >= 1, 20000);
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(cli.processId()));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    const QByteArray args = cmdline.readAll();
    QVERIFY(args.contains("TEST_TOKEN"));
    QVERIFY(!args.contains(m_secrets.last().toUtf8()));
    cli.kill();
    cli.waitForFinished();
}

void TestCliAuth::withoutKeychainSecretsComeFromTheEnvironment()
{
    SandboxProcess sandbox;
    QString error;
    const QString secret = QStringLiteral("nokc-") + QString::number(QDateTime::currentMSecsSinceEpoch());
    QVERIFY2(startWithClient(sandbox, QStringLiteral("client-secret"),
                             {{QStringLiteral("client_id"), QStringLiteral("ferry-nokc")},
                              {QStringLiteral("client_secret"), secret}},
                             &error),
             qPrintable(error));
    QProcessEnvironment env;
    env.insert(QStringLiteral("TEST_CLIENT_SECRET"), secret);
    const QStringList add{QStringLiteral("profiles"),   QStringLiteral("add"),           QStringLiteral("--name"),
                          QStringLiteral("nokc"),       QStringLiteral("--base"),        sandbox.fhirBase().toString(),
                          QStringLiteral("--auth"),     QStringLiteral("client-secret"), QStringLiteral("--client-id"),
                          QStringLiteral("ferry-nokc"), QStringLiteral("--group"),       QStringLiteral("demo")};
    // Storing a secret needs a keychain: without one, Ferry says so and keeps nothing on disk.
    CliRun r =
        run(add + QStringList{QStringLiteral("--client-secret-env"), QStringLiteral("TEST_CLIENT_SECRET")}, env, false);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("keychain")), qPrintable(r.err));
    // The profile without its secret is fine; the secret then comes with each run.
    r = run(add, env, false);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = run({QStringLiteral("export"), QStringLiteral("--profile"), QStringLiteral("nokc"), QStringLiteral("--out"),
             m_dir.path() + QStringLiteral("/out"), QStringLiteral("--client-secret-env"),
             QStringLiteral("TEST_CLIENT_SECRET")},
            env, false);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliAuth)
#include "tst_cli_auth.moc"
