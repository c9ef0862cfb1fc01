// BaseUrlCheck: which addresses the profile editor accepts as a FHIR base while the user types.

#include "profile/baseurlcheck.h"

#include <QTest>

class TestBaseUrlCheck : public QObject
{
    Q_OBJECT

private slots:
    void problem_data();
    void problem();
};

void TestBaseUrlCheck::problem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // a word the sentence holds; empty: acceptable

    QTest::newRow("https") << QStringLiteral("https://fhir.example.org/r4") << QString();
    QTest::newRow("https with spaces") << QStringLiteral("  https://fhir.example.org/r4 ") << QString();
    QTest::newRow("loopback http") << QStringLiteral("http://127.0.0.1:8080/fhir") << QString();
    QTest::newRow("localhost http") << QStringLiteral("http://localhost:8080/fhir") << QString();
    QTest::newRow("ipv6 loopback http") << QStringLiteral("http://[::1]:8080/fhir") << QString();
    QTest::newRow("empty") << QString() << QStringLiteral("Enter");
    QTest::newRow("remote http") << QStringLiteral("http://fhir.example.org/r4") << QStringLiteral("https://");
    QTest::newRow("no scheme") << QStringLiteral("fhir.example.org/r4") << QStringLiteral("complete");
    QTest::newRow("ftp") << QStringLiteral("ftp://fhir.example.org/r4") << QStringLiteral("https://");
    QTest::newRow("query") << QStringLiteral("https://fhir.example.org/r4?x=1") << QStringLiteral("query");
    QTest::newRow("fragment") << QStringLiteral("https://fhir.example.org/r4#a") << QStringLiteral("fragment");
    QTest::newRow("export") << QStringLiteral("https://fhir.example.org/r4/$export") << QStringLiteral("$export");
    QTest::newRow("half typed") << QStringLiteral("https://") << QStringLiteral("complete");
}

void TestBaseUrlCheck::problem()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QString problem = BaseUrlCheck::problem(text);
    if (expected.isEmpty()) {
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    } else {
        QVERIFY2(problem.contains(expected), qPrintable(problem));
    }
}

QTEST_GUILESS_MAIN(TestBaseUrlCheck)
#include "tst_base_url_check.moc"
