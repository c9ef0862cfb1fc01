#include "preflight/scopecheck.h"

#include <QTest>

class TestScopeCheck : public QObject
{
    Q_OBJECT

private slots:
    void allowsRead_data();
    void allowsRead();
    void deniedTypesKeepsOrder();
};

void TestScopeCheck::allowsRead_data()
{
    QTest::addColumn<QString>("scopes");
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("v1 wildcard") << "system/*.read"
                                 << "Observation" << true;
    QTest::newRow("v1 star star") << "system/*.*"
                                  << "Observation" << true;
    QTest::newRow("v1 exact") << "system/Patient.read system/Observation.read"
                              << "Observation" << true;
    QTest::newRow("v1 other type") << "system/Patient.read"
                                   << "Observation" << false;
    QTest::newRow("v1 write only") << "system/Observation.write"
                                   << "Observation" << false;
    QTest::newRow("v2 rs") << "system/*.rs"
                           << "Condition" << true;
    QTest::newRow("v2 cruds") << "system/Condition.cruds"
                              << "Condition" << true;
    QTest::newRow("v2 query narrows") << "system/Observation.rs?category=laboratory"
                                      << "Observation" << true;
    QTest::newRow("v2 search only") << "system/Observation.s"
                                    << "Observation" << false;
    QTest::newRow("v2 bad order is not v2") << "system/Observation.sr"
                                            << "Observation" << false;
    QTest::newRow("patient scope") << "patient/*.read"
                                   << "Observation" << false;
    QTest::newRow("user scope") << "user/Observation.read"
                                << "Observation" << false;
    QTest::newRow("empty") << ""
                           << "Patient" << false;
    QTest::newRow("extra spaces") << "  launch   system/Patient.read "
                                  << "Patient" << true;
}

void TestScopeCheck::allowsRead()
{
    QFETCH(QString, scopes);
    QFETCH(QString, type);
    QFETCH(bool, allowed);
    QCOMPARE(ScopeCheck::allowsRead(scopes, type), allowed);
}

void TestScopeCheck::deniedTypesKeepsOrder()
{
    QCOMPARE(ScopeCheck::deniedTypes(
                 QStringLiteral("system/Patient.read"),
                 {QStringLiteral("Observation"), QStringLiteral("Patient"), QStringLiteral("Condition")}),
             (QStringList{QStringLiteral("Observation"), QStringLiteral("Condition")}));
}

QTEST_GUILESS_MAIN(TestScopeCheck)
#include "tst_scopecheck.moc"
