// ProfileStore: profiles survive a round trip through the file, the file is private (0600 in a 0700 folder) and
// never holds a secret, hand-edited secrets are refused, and deleting a profile deletes its secrets.
#include "store/memorysecretstore.h"
#include "store/profilestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

ServerProfile profile(const QString &id, AuthMethod method)
{
    ServerProfile p;
    p.id = id;
    p.displayName = QStringLiteral("Server ") + id;
    p.fhirBase = QUrl(QStringLiteral("https://fhir.example.org/") + id);
    p.authMethod = method;
    p.clientId = QStringLiteral("client-") + id;
    p.headers = {{QStringLiteral("client_secret"), QString(), true},
                 {QStringLiteral("x-oneup-user-id"), QStringLiteral("client"), false}};
    p.groups = {{QStringLiteral("g1"), QStringLiteral("Group one")}};
    return p;
}

// Owner bits exactly `owner`, and nothing for group or others.
bool ownerOnly(const QString &path, QFile::Permissions owner)
{
    const QFile::Permissions p = QFileInfo(path).permissions();
    const QFile::Permissions others =
        QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
    return !(p & others) && (p & (QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) == owner;
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private:
    SecretResult call(const std::function<void(SecretStore::Callback)> &operation)
    {
        SecretResult result;
        bool done = false;
        operation([&](const SecretResult &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 5000)) {
            qWarning("timed out waiting for a callback");
        }
        return result;
    }
    void store(const QString &key, const QString &value)
    {
        QVERIFY(call([&](auto done) { m_secrets->write(key, value, this, done); }).ok());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_secrets = std::make_unique<MemorySecretStore>();
    }

    void roundTripWithoutSecrets()
    {
        const QString configDir = m_dir->filePath(QStringLiteral("config/ferry"));
        ProfileStore profiles(m_secrets.get(), configDir);
        QString error;
        QVERIFY(profiles.load(&error)); // no file yet: empty
        QVERIFY(profiles.profiles().isEmpty());

        const QStringList secrets{QStringLiteral("-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"),
                                  QStringLiteral("client-secret-0123456789"), QStringLiteral("eyJhbGciOi.static.token"),
                                  QStringLiteral("header-secret-abcdef")};
        store(SecretStore::key(QStringLiteral("a"), QStringLiteral("private-key")), secrets.at(0));
        store(SecretStore::key(QStringLiteral("b"), QStringLiteral("client-secret")), secrets.at(1));
        store(SecretStore::key(QStringLiteral("c"), QStringLiteral("token")), secrets.at(2));
        store(SecretStore::key(QStringLiteral("d"), QStringLiteral("header/client_secret")), secrets.at(3));

        QSignalSpy changed(&profiles, &ProfileStore::changed);
        QVERIFY2(profiles.save(profile(QStringLiteral("a"), AuthMethod::SmartBackend), &error), qPrintable(error));
        QVERIFY(profiles.save(profile(QStringLiteral("b"), AuthMethod::ClientSecret), &error));
        QVERIFY(profiles.save(profile(QStringLiteral("c"), AuthMethod::StaticToken), &error));
        QVERIFY(profiles.save(profile(QStringLiteral("d"), AuthMethod::Headers), &error));
        QCOMPARE(changed.count(), 4);
        ServerProfile renamed = profile(QStringLiteral("b"), AuthMethod::ClientSecret);
        renamed.displayName = QStringLiteral("Renamed");
        QVERIFY(profiles.save(renamed, &error)); // replaces, keeps the order
        QCOMPARE(profiles.ids(),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));

        // Private from the first byte: 0600 file in a 0700 folder.
        QVERIFY(ownerOnly(profiles.filePath(), QFile::ReadOwner | QFile::WriteOwner));
        QVERIFY(ownerOnly(configDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

        QFile raw(profiles.filePath());
        QVERIFY(raw.open(QIODevice::ReadOnly));
        const QByteArray bytes = raw.readAll();
        for (const QString &secret : secrets) {
            QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(secret));
        }
        QVERIFY(bytes.contains("client-b"));

        ProfileStore reread(m_secrets.get(), configDir);
        QVERIFY(reread.load(&error));
        QCOMPARE(reread.profiles().size(), 4);
        for (const ServerProfile &p : reread.profiles()) {
            QCOMPARE(p.toJson(), profiles.profile(p.id)->toJson());
        }
        QCOMPARE(reread.profile(QStringLiteral("b"))->displayName, QStringLiteral("Renamed"));
    }

    void removeDeletesSecrets()
    {
        ProfileStore profiles(m_secrets.get(), m_dir->path());
        QString error;
        QVERIFY(profiles.save(profile(QStringLiteral("gone"), AuthMethod::Headers), &error));
        QVERIFY(profiles.save(profile(QStringLiteral("kept"), AuthMethod::SmartBackend), &error));
        store(QStringLiteral("gone/private-key"), QStringLiteral("pem-of-gone"));
        store(QStringLiteral("gone/header/client_secret"), QStringLiteral("header-of-gone"));
        store(QStringLiteral("kept/private-key"), QStringLiteral("pem-of-kept"));

        QString result = QStringLiteral("not called");
        profiles.remove(QStringLiteral("gone"), this, [&](const QString &e) { result = e; });
        QCOMPARE(result, QStringLiteral("not called")); // never synchronous
        QTRY_VERIFY(result != QLatin1String("not called"));
        QVERIFY2(result.isEmpty(), qPrintable(result));
        QCOMPARE(profiles.ids(), QStringList{QStringLiteral("kept")});

        QCOMPARE(call([&](auto done) { m_secrets->read(QStringLiteral("gone/private-key"), this, done); }).status,
                 SecretResult::Status::NotFound);
        QCOMPARE(
            call([&](auto done) { m_secrets->read(QStringLiteral("gone/header/client_secret"), this, done); }).status,
            SecretResult::Status::NotFound);
        QVERIFY(call([&](auto done) { m_secrets->read(QStringLiteral("kept/private-key"), this, done); }).ok());

        ProfileStore reread(m_secrets.get(), m_dir->path());
        QVERIFY(reread.load(&error));
        QCOMPARE(reread.ids(), QStringList{QStringLiteral("kept")});

        result = QStringLiteral("not called");
        profiles.remove(QStringLiteral("unknown"), this, [&](const QString &e) { result = e; });
        QTRY_VERIFY(result != QLatin1String("not called"));
        QVERIFY(result.contains(QLatin1String("unknown")));
    }

    void handEditedSecretsAreDropped()
    {
        QFile file(QDir(m_dir->path()).filePath(QStringLiteral("profiles.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "{\"version\":1,\"profiles\":[{\"id\":\"x\",\"fhirBase\":\"https://f.example/r4\","
            "\"auth\":{\"method\":\"client-secret\",\"clientId\":\"c\",\"clientSecret\":\"typed-in-secret\"}}]}");
        file.close();
        QFile::setPermissions(file.fileName(), QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);

        ProfileStore profiles(m_secrets.get(), m_dir->path());
        QString error;
        QStringList warnings;
        QVERIFY(profiles.load(&error, &warnings));
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().contains(QLatin1String("clientSecret")));
        QVERIFY(ownerOnly(file.fileName(), QFile::ReadOwner | QFile::WriteOwner));
        // The next save rewrites the file without it.
        QVERIFY(profiles.save(*profiles.profile(QStringLiteral("x")), &error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("typed-in-secret"));
    }

    void corruptFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("words");
        QTest::newRow("not JSON") << QByteArray("{\"profiles\":[") << QStringLiteral("not valid JSON");
        QTest::newRow("newer format") << QByteArray("{\"version\":7,\"profiles\":[]}") << QStringLiteral("newer Ferry");
        QTest::newRow("duplicate id") << QByteArray("{\"profiles\":[{\"id\":\"a\"},{\"id\":\"a\"}]}")
                                      << QStringLiteral("twice");
    }
    void corruptFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, words);
        QFile file(QDir(m_dir->path()).filePath(QStringLiteral("profiles.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
        file.close();
        ProfileStore profiles(m_secrets.get(), m_dir->path());
        QString error;
        QVERIFY(!profiles.load(&error));
        QVERIFY2(error.contains(words), qPrintable(error));
    }

    void invalidIdRefused()
    {
        ProfileStore profiles(m_secrets.get(), m_dir->path());
        QString error;
        QVERIFY(!profiles.save(profile(QStringLiteral("../escape"), AuthMethod::None), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(profiles.filePath()));
    }

    void configDirFromEnvironment()
    {
        qputenv("FERRY_CONFIG_DIR", m_dir->path().toUtf8());
        QCOMPARE(ProfileStore::defaultDirectory(), m_dir->path());
        ProfileStore profiles(m_secrets.get());
        QCOMPARE(profiles.filePath(), QDir(m_dir->path()).filePath(QStringLiteral("profiles.json")));
        qunsetenv("FERRY_CONFIG_DIR");
        QVERIFY(ProfileStore::defaultDirectory().endsWith(QLatin1String("/ferry")));
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
