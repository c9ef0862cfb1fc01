// Without any D-Bus session there is no keychain: the probe must say so in plain words and hand out the
// session-only memory store, which then works (asynchronously, like the real one). Its own executable because
// the environment is set before Qt starts: DBUS_SESSION_BUS_ADDRESS points nowhere and there is no display to
// autolaunch a bus from.
#include "store/memorysecretstore.h"
#include "store/secretstoreprobe.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

class TestNoKeychain : public QObject
{
    Q_OBJECT

private slots:
    void probeFallsBackToMemory()
    {
        SecretStoreProbe probe(QStringLiteral("Ferry-test"));
        QSignalSpy spy(&probe, &SecretStoreProbe::finished);
        probe.start();
        QCOMPARE(spy.count(), 0); // never synchronous
        QVERIFY(spy.wait(30'000));
        const auto outcome = spy.first().first().value<SecretStoreProbe::Outcome>();
        QVERIFY(!outcome.persistent);
        QCOMPARE(outcome.status, SecretResult::Status::NoBackend);
        QCOMPARE(outcome.notice, SecretStore::noKeychainMessage());
        QVERIFY(outcome.notice.contains(QLatin1String("No system keychain is available")));
        QVERIFY(outcome.notice.contains(QLatin1String("never written to disk")));

        std::unique_ptr<SecretStore> store = probe.takeStore();
        QVERIFY(store);
        QVERIFY(qobject_cast<MemorySecretStore *>(store.get()));
        QVERIFY(!store->isPersistent());
        QVERIFY(!probe.takeStore());

        // The session store works for the session.
        bool written = false;
        store->write(QStringLiteral("p1/client-secret"), QStringLiteral("session-secret"), this,
                     [&](const SecretResult &r) { written = r.ok(); });
        QVERIFY(!written);
        QTRY_VERIFY(written);
        SecretResult read;
        bool done = false;
        store->read(QStringLiteral("p1/client-secret"), this, [&](const SecretResult &r) {
            read = r;
            done = true;
        });
        QTRY_VERIFY(done);
        QVERIFY(read.ok());
        QCOMPARE(read.value, QStringLiteral("session-secret"));

        done = false;
        store->remove(QStringLiteral("p1/client-secret"), this, [&](const SecretResult &r) { done = r.ok(); });
        QTRY_VERIFY(done);
        done = false;
        store->read(QStringLiteral("p1/client-secret"), this, [&](const SecretResult &r) {
            read = r;
            done = true;
        });
        QTRY_VERIFY(done);
        QCOMPARE(read.status, SecretResult::Status::NotFound);
    }

    void callbackSkippedForDestroyedContext()
    {
        MemorySecretStore store;
        bool called = false;
        {
            QObject context;
            store.read(QStringLiteral("x/token"), &context, [&](const SecretResult &) { called = true; });
        }
        // The store answers through the event loop: deliver everything pending, then the callback must not have run.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(!called);
    }
};

int main(int argc, char *argv[])
{
    // Before anything touches D-Bus: no session bus, and nothing to autolaunch one with.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/ferry-no-bus");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    QCoreApplication app(argc, argv);
    TestNoKeychain test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_nokeychain.moc"
