// GroupSearch ("Find groups" in the profile editor): the searchset parser, and real searches against
// ferry-sandbox — all groups, by name, a server that refuses, a base that is not a FHIR server.

#include "sandboxprocess.h"

#include "preflight/groupsearch.h"
#include "util/clock.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

class TestGroupSearch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void parseBundle_data();
    void parseBundle();
    void searchUrl();
    void listsEveryGroup();
    void searchesByName();
    void refusalIsReadable();

private:
    GroupSearchResult run(const QUrl &base, const QString &name = {});

    SandboxProcess m_sandbox;
    QNetworkAccessManager m_nam;
};

void TestGroupSearch::initTestCase()
{
    qRegisterMetaType<GroupSearchResult>();
    QString error;
    QVERIFY2(
        m_sandbox.start({QStringLiteral("--quiet"), QStringLiteral("--group"), QStringLiteral("cardiology=7")}, &error),
        qPrintable(error));
}

void TestGroupSearch::parseBundle_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<bool>("truncated");

    QTest::newRow("two groups") << QByteArray(
                                       "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[ "
                                       "{\"resource\":{\"resourceType\":\"Group\",\"id\":\"a\",\"name\":\"A\","
                                       "\"quantity\":3}}, {\"resource\":{\"resourceType\":\"Group\",\"id\":\"b\"}}]}")
                                << true << QStringList{QStringLiteral("a"), QStringLiteral("b")} << false;
    QTest::newRow("empty searchset") << QByteArray("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}") << true
                                     << QStringList{} << false;
    QTest::newRow("outcome entries skipped")
        << QByteArray("{\"resourceType\":\"Bundle\",\"entry\":[ "
                      "{\"resource\":{\"resourceType\":\"OperationOutcome\"}},{\"resource\":{\"resourceType\":"
                      "\"Group\",\"id\":\"g\"}}, {\"resource\":{\"resourceType\":\"Group\"}}]}")
        << true << QStringList{QStringLiteral("g")} << false;
    QTest::newRow("next link") << QByteArray(
                                      "{\"resourceType\":\"Bundle\",\"link\":[{\"relation\":\"next\",\"url\":\"x\"}], "
                                      "\"entry\":[{\"resource\":{\"resourceType\":\"Group\",\"id\":\"g\"}}]}")
                               << true << QStringList{QStringLiteral("g")} << true;
    QTest::newRow("not a bundle") << QByteArray("{\"resourceType\":\"OperationOutcome\"}") << false << QStringList{}
                                  << false;
    QTest::newRow("not json") << QByteArray("<html>") << false << QStringList{} << false;
}

void TestGroupSearch::parseBundle()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QStringList, ids);
    QFETCH(bool, truncated);
    GroupSearchResult result;
    QCOMPARE(GroupSearch::parseBundle(body, &result), ok);
    QCOMPARE(result.ok(), ok);
    QStringList found;
    for (const FoundGroup &g : result.groups) {
        found << g.id;
    }
    QCOMPARE(found, ids);
    QCOMPARE(result.truncated, truncated);
}

void TestGroupSearch::searchUrl()
{
    GroupSearch search(&m_nam, Clock::system(), QUrl(QStringLiteral("https://fhir.example.org/r4/")),
                       VendorProfile::generic(), nullptr);
    QCOMPARE(search.searchUrl(QString(), 50).toString(), QStringLiteral("https://fhir.example.org/r4/Group?_count=50"));
    QCOMPARE(search.searchUrl(QStringLiteral(" card "), 10).toString(),
             QStringLiteral("https://fhir.example.org/r4/Group?_count=10&name=card"));
}

GroupSearchResult TestGroupSearch::run(const QUrl &base, const QString &name)
{
    GroupSearch search(&m_nam, Clock::system(), base, VendorProfile::generic(), nullptr);
    QSignalSpy finished(&search, &GroupSearch::finished);
    search.start(name);
    if (finished.isEmpty() && !finished.wait(20000)) {
        return {{}, QStringLiteral("timed out"), false};
    }
    return finished.at(0).at(0).value<GroupSearchResult>();
}

void TestGroupSearch::listsEveryGroup()
{
    const GroupSearchResult result = run(m_sandbox.fhirBase());
    QVERIFY2(result.ok(), qPrintable(result.error));
    QStringList ids;
    for (const FoundGroup &g : result.groups) {
        ids << g.id;
        if (g.id == QLatin1String("cardiology")) {
            QCOMPARE(g.quantity.value_or(-1), 7);
        }
        if (g.id == QLatin1String("demo")) {
            QCOMPARE(g.quantity.value_or(-1), 25);
        }
    }
    ids.sort();
    QCOMPARE(ids, (QStringList{QStringLiteral("all"), QStringLiteral("cardiology"), QStringLiteral("demo")}));
}

void TestGroupSearch::searchesByName()
{
    const GroupSearchResult result = run(m_sandbox.fhirBase(), QStringLiteral("card"));
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.groups.size(), 1);
    QCOMPARE(result.groups.at(0).id, QStringLiteral("cardiology"));
}

void TestGroupSearch::refusalIsReadable()
{
    // The sandbox's root is not a FHIR base: GET /Group there is a 404.
    QUrl base = m_sandbox.fhirBase();
    base.setPath(QStringLiteral("/nothing-here"));
    const GroupSearchResult result = run(base);
    QVERIFY(!result.ok());
    QVERIFY(result.groups.isEmpty());
    QVERIFY2(result.error.contains(QStringLiteral("group ids")), qPrintable(result.error));
    QVERIFY2(result.error.contains(QStringLiteral("404")) || result.error.contains(QStringLiteral("Not Found")),
             qPrintable(result.error));
}

QTEST_GUILESS_MAIN(TestGroupSearch)
#include "tst_group_search.moc"
