// KeychainSecretStore against the real Secret Service (run under ./scripts/with-keyring, as CI does): the probe
// keeps the keychain, and secrets round-trip — write, read, overwrite, remove — without a nested event loop.
#include "auth/signingkey.h"
#include "store/keychainsecretstore.h"
#include "store/secretstoreprobe.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

class TestKeychainSecretStore : public QObject
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
        if (!QTest::qWaitFor([&] { return done; }, 30'000)) {
            result.status = SecretResult::Status::Failed;
            result.message = QStringLiteral("no callback within 30 s");
        }
        return result;
    }

    // A service name of its own, so a developer's real "Ferry" entries are never touched.
    const QString m_service = QStringLiteral("Ferry-test-%1").arg(QCoreApplication::applicationPid());

private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
            QSKIP("No D-Bus session: run under ./scripts/with-keyring (CI does).");
        }
    }

    void probeKeepsTheKeychain()
    {
        SecretStoreProbe probe(m_service);
        QSignalSpy spy(&probe, &SecretStoreProbe::finished);
        probe.start();
        QVERIFY(spy.wait(30'000));
        const auto outcome = spy.first().first().value<SecretStoreProbe::Outcome>();
        QVERIFY2(outcome.persistent, qPrintable(outcome.notice));
        QVERIFY(outcome.notice.isEmpty());
        std::unique_ptr<SecretStore> store = probe.takeStore();
        QVERIFY(qobject_cast<KeychainSecretStore *>(store.get()));
        QVERIFY(store->isPersistent());
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("client secret") << QStringLiteral("client-secret") << QStringLiteral("s3cr3t+/=value");
        QTest::newRow("private key PEM") << QStringLiteral("private-key")
                                         << QString::fromLatin1(
                                                SigningKey::generate(SigningAlgorithm::ES384).privateKeyPem());
        QTest::newRow("header, non-ASCII") << QStringLiteral("header/client_secret") << QStringLiteral("clé-ü-密");
    }
    void roundTrip()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        KeychainSecretStore store(m_service);
        const QString key = SecretStore::key(QStringLiteral("tst-profile"), name);

        SecretResult r = call([&](auto done) { store.write(key, value, this, done); });
        QVERIFY2(r.ok(), qPrintable(r.message));
        r = call([&](auto done) { store.read(key, this, done); });
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.value, value);

        // A second store object (another run of Ferry) sees it too: it is in the keychain, not in memory.
        KeychainSecretStore other(m_service);
        r = call([&](auto done) { other.read(key, this, done); });
        QCOMPARE(r.value, value);

        r = call([&](auto done) { store.write(key, value + QStringLiteral("-2"), this, done); });
        QVERIFY(r.ok());
        r = call([&](auto done) { store.read(key, this, done); });
        QCOMPARE(r.value, value + QStringLiteral("-2"));

        r = call([&](auto done) { store.remove(key, this, done); });
        QVERIFY2(r.ok(), qPrintable(r.message));
        r = call([&](auto done) { store.read(key, this, done); });
        QCOMPARE(r.status, SecretResult::Status::NotFound);
        // Removing what is not there is not an error (libsecret says Ok, other backends NotFound).
        r = call([&](auto done) { store.remove(key, this, done); });
        QVERIFY(r.ok() || r.status == SecretResult::Status::NotFound);
    }

    // Locks the whole keyring, so it runs only in a keyring of its own (CTest's tst_keychainlocked starts it
    // under a second, nested ./scripts/with-keyring with FERRY_TEST_LOCK_KEYRING=1).
    void lockedKeyringIsExplained()
    {
        if (!qEnvironmentVariableIsSet("FERRY_TEST_LOCK_KEYRING")) {
            QSKIP("Locks the keyring: runs only as tst_keychainlocked, in a keyring of its own.");
        }
        KeychainSecretStore store(m_service);
        const QString key = SecretStore::key(QStringLiteral("tst-profile"), QStringLiteral("locked"));
        SecretResult r = call([&](auto done) { store.write(key, QStringLiteral("v"), this, done); });
        QVERIFY2(r.ok(), qPrintable(r.message));
        // dbus-send comes with the dbus package the keyring setup needs anyway.
        QProcess lock;
        lock.start(QStringLiteral("dbus-send"),
                   {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                    QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                    QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                    QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
        QVERIFY(lock.waitForFinished(10'000));
        QVERIFY2(lock.exitCode() == 0, lock.readAllStandardError().constData());

        // The unlock prompt cannot be shown here. QtKeychain 0.13 then says "not found" (not 4): either way the
        // person reading the message learns that the keychain may be locked.
        r = call([&](auto done) { store.read(key, this, done); });
        QVERIFY2(r.status == SecretResult::Status::NotFound || r.status == SecretResult::Status::Locked,
                 qPrintable(r.message));
        QVERIFY2(r.message.contains(QLatin1String("locked")), qPrintable(r.message));
    }

    void errorCodes_data()
    {
        QTest::addColumn<int>("code");
        QTest::addColumn<SecretResult::Status>("status");
        QTest::newRow("0 ok") << 0 << SecretResult::Status::Ok;
        QTest::newRow("1 not found") << 1 << SecretResult::Status::NotFound;
        QTest::newRow("3 denied by user") << 3 << SecretResult::Status::Locked;
        QTest::newRow("4 locked") << 4 << SecretResult::Status::Locked;
        QTest::newRow("5 no backend") << 5 << SecretResult::Status::NoBackend;
        QTest::newRow("7 other = no backend") << 7 << SecretResult::Status::NoBackend;
        QTest::newRow("2 could not delete") << 2 << SecretResult::Status::Failed;
    }
    void errorCodes()
    {
        QFETCH(int, code);
        QFETCH(SecretResult::Status, status);
        QCOMPARE(KeychainSecretStore::statusFor(code), status);
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "tst_keychainsecretstore.moc"
