// ServersModel: profiles and their groups as a tree that follows the ProfileStore.

#include "uitestenv.h"

#include "app/appservices.h"
#include "servers/serversmodel.h"
#include "store/profilestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestServersModel : public QObject
{
    Q_OBJECT

private slots:
    void followsTheStore();
    void findsProfilesAndGroups();

private:
    static ServerProfile profile(const QString &id, const QStringList &groups);
};

ServerProfile TestServersModel::profile(const QString &id, const QStringList &groups)
{
    ServerProfile p;
    p.id = id;
    p.displayName = id.toUpper();
    p.fhirBase = QUrl(QStringLiteral("https://%1.example.org/r4").arg(id));
    p.authMethod = AuthMethod::None;
    for (const QString &g : groups) {
        p.groups.append({g, QStringLiteral("Label of %1").arg(g)});
    }
    return p;
}

void TestServersModel::followsTheStore()
{
    UiTestEnv env;
    ProfileStore *store = env.services()->profiles();
    ServersModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);

    QString error;
    QVERIFY2(store->save(profile(QStringLiteral("epic"), {QStringLiteral("g1"), QStringLiteral("g2")}), &error),
             qPrintable(error));
    QVERIFY(store->save(profile(QStringLiteral("oracle"), {}), &error));
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex epic = model.index(0, 0);
    QCOMPARE(epic.data().toString(), QStringLiteral("EPIC"));
    QCOMPARE(epic.data(ServersModel::KindRole).toInt(), int(ServersModel::Kind::Profile));
    QCOMPARE(epic.data(ServersModel::BaseUrlRole).toString(), QStringLiteral("https://epic.example.org/r4"));
    QCOMPARE(model.rowCount(epic), 2);
    const QModelIndex g2 = model.index(1, 0, epic);
    QCOMPARE(g2.parent(), epic);
    QCOMPARE(g2.data().toString(), QStringLiteral("Label of g2 (g2)"));
    QCOMPARE(g2.data(ServersModel::GroupIdRole).toString(), QStringLiteral("g2"));
    QCOMPARE(g2.data(ServersModel::ProfileIdRole).toString(), QStringLiteral("epic"));
    QCOMPARE(model.rowCount(g2), 0);
    QCOMPARE(model.rowCount(model.index(1, 0)), 0);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    bool removed = false;
    store->remove(QStringLiteral("epic"), this, [&](const QString &e) {
        QVERIFY2(e.isEmpty(), qPrintable(e));
        removed = true;
    });
    QTRY_VERIFY(removed);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(ServersModel::ProfileIdRole).toString(), QStringLiteral("oracle"));
}

void TestServersModel::findsProfilesAndGroups()
{
    UiTestEnv env;
    ProfileStore *store = env.services()->profiles();
    QString error;
    QVERIFY(store->save(profile(QStringLiteral("a"), {QStringLiteral("x")}), &error));
    QVERIFY(store->save(profile(QStringLiteral("b"), {QStringLiteral("y"), QStringLiteral("z")}), &error));
    ServersModel model(store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex z = model.groupIndex(QStringLiteral("b"), QStringLiteral("z"));
    QVERIFY(z.isValid());
    QCOMPARE(z.row(), 1);
    QCOMPARE(model.profileAt(z)->id, QStringLiteral("b"));
    QCOMPARE(model.profileIndex(QStringLiteral("b")).row(), 1);
    QVERIFY(!model.profileIndex(QStringLiteral("nope")).isValid());
    QVERIFY(!model.groupIndex(QStringLiteral("a"), QStringLiteral("z")).isValid());
    QVERIFY(!model.profileAt(QModelIndex()));
}

QTEST_MAIN(TestServersModel)
#include "tst_servers_model.moc"
