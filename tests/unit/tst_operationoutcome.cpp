// OperationOutcome: parsing what servers send with errors, transient-vs-fatal, and the summary people read.
#include "fhir/operationoutcome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QJsonObject issue(const char *severity, const char *code)
{
    QJsonObject o;
    if (severity) {
        o.insert(QStringLiteral("severity"), QLatin1String(severity));
    }
    if (code) {
        o.insert(QStringLiteral("code"), QLatin1String(code));
    }
    return o;
}

QByteArray outcome(const QJsonArray &issues)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("resourceType"), QStringLiteral("OperationOutcome")},
                                     {QStringLiteral("issue"), issues}})
        .toJson(QJsonDocument::Compact);
}

using IssueList = QList<QPair<QString, QString>>; // (severity, code)

} // namespace

Q_DECLARE_METATYPE(IssueList)

class TestOperationOutcome : public QObject
{
    Q_OBJECT

private slots:
    void parseFields();
    void detailsSources_data();
    void detailsSources();
    void notAnOutcome_data();
    void notAnOutcome();
    void isTransient_data();
    void isTransient();
    void isTransientCode_data();
    void isTransientCode();
    void summary_data();
    void summary();
};

void TestOperationOutcome::parseFields()
{
    // Oracle's 429 for a second concurrent export, and a warning alongside.
    const QByteArray body = "{\"resourceType\":\"OperationOutcome\",\"issue\":["
                            "{\"severity\":\"error\",\"code\":\"throttled\","
                            "\"details\":{\"text\":\"  Only one export may run per client.  \"},"
                            "\"diagnostics\":\"\\n Retry later \",\"expression\":[\"Group\",\"_type\"]},"
                            "{\"severity\":\"warning\",\"code\":\"informational\"}]}";
    const std::optional<OperationOutcome> oo = OperationOutcome::parse(body);
    QVERIFY(oo);
    QCOMPARE(oo->issues.size(), 2);
    const OperationOutcome::Issue &first = oo->issues.at(0);
    QCOMPARE(first.severity, QStringLiteral("error"));
    QCOMPARE(first.code, QStringLiteral("throttled"));
    QCOMPARE(first.diagnostics, QStringLiteral("Retry later"));
    QCOMPARE(first.details, QStringLiteral("Only one export may run per client."));
    QCOMPARE(first.expression, (QStringList{QStringLiteral("Group"), QStringLiteral("_type")}));
    QCOMPARE(first.text(), QStringLiteral("Retry later"));
    const OperationOutcome::Issue &second = oo->issues.at(1);
    QCOMPARE(second.severity, QStringLiteral("warning"));
    QCOMPARE(second.text(), QStringLiteral("informational"));

    // An OperationOutcome without issues is still one.
    const std::optional<OperationOutcome> empty = OperationOutcome::parse("{\"resourceType\":\"OperationOutcome\"}");
    QVERIFY(empty);
    QVERIFY(empty->issues.isEmpty());
}

void TestOperationOutcome::detailsSources_data()
{
    QTest::addColumn<QJsonObject>("details");
    QTest::addColumn<QString>("expected");

    const QJsonObject coding{{QStringLiteral("system"), QStringLiteral("http://hl7.org/fhir/operation-outcome")},
                             {QStringLiteral("code"), QStringLiteral("MSG_NO_EXIST")},
                             {QStringLiteral("display"), QStringLiteral("Resource Id \"x\" does not exist")}};
    QJsonObject codeOnly = coding;
    codeOnly.remove(QStringLiteral("display"));

    QTest::newRow("text wins over coding") << QJsonObject{{QStringLiteral("text"), QStringLiteral("Group x not found")},
                                                          {QStringLiteral("coding"), QJsonArray{coding}}}
                                           << "Group x not found";
    QTest::newRow("coding display") << QJsonObject{{QStringLiteral("coding"), QJsonArray{coding}}}
                                    << "Resource Id \"x\" does not exist";
    QTest::newRow("coding code") << QJsonObject{{QStringLiteral("coding"), QJsonArray{codeOnly}}} << "MSG_NO_EXIST";
    QTest::newRow("first coding only") << QJsonObject{{QStringLiteral("coding"),
                                                       QJsonArray{codeOnly, QJsonObject{{QStringLiteral("display"),
                                                                                         QStringLiteral("second")}}}}}
                                       << "MSG_NO_EXIST";
    QTest::newRow("blank text falls back to coding")
        << QJsonObject{{QStringLiteral("text"), QStringLiteral("   ")}, {QStringLiteral("coding"), QJsonArray{coding}}}
        << "Resource Id \"x\" does not exist";
    QTest::newRow("nothing") << QJsonObject{} << QString();
}

void TestOperationOutcome::detailsSources()
{
    QFETCH(QJsonObject, details);
    QFETCH(QString, expected);

    QJsonObject i = issue("error", "not-found");
    i.insert(QStringLiteral("details"), details);
    const std::optional<OperationOutcome> oo = OperationOutcome::parse(outcome({i}));
    QVERIFY(oo);
    QCOMPARE(oo->issues.at(0).details, expected);
    QCOMPARE(oo->issues.at(0).text(), expected.isEmpty() ? QStringLiteral("not-found") : expected);
}

void TestOperationOutcome::notAnOutcome_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("why");
    QTest::newRow("gateway HTML") << QByteArray("<html><head><title>502 Bad Gateway</title></head><body><center><h1>"
                                                "502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")
                                  << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("whitespace") << QByteArray(" \r\n") << QByteArray();
    QTest::newRow("other resource") << QByteArray("{\"resourceType\":\"Bundle\",\"issue\":[]}") << QByteArray();
    QTest::newRow("no resourceType") << QByteArray("{\"issue\":[{\"severity\":\"error\",\"code\":\"transient\"}]}")
                                     << QByteArray();
    QTest::newRow("lowercase resourceType") << QByteArray("{\"resourceType\":\"operationoutcome\"}") << QByteArray();
    QTest::newRow("array") << QByteArray("[{\"resourceType\":\"OperationOutcome\"}]") << QByteArray();
    QTest::newRow("OAuth error") << QByteArray("{\"error\":\"invalid_client\",\"error_description\":\"bad\"}")
                                 << QByteArray();
    QTest::newRow("truncated JSON") << QByteArray("{\"resourceType\":\"OperationOutcome\",\"issue\":[") << QByteArray();
}

void TestOperationOutcome::notAnOutcome()
{
    QFETCH(QByteArray, body);
    QVERIFY(!OperationOutcome::parse(body));
}

void TestOperationOutcome::isTransient_data()
{
    QTest::addColumn<IssueList>("issues");
    QTest::addColumn<bool>("transient");

    const auto i = [](const char *s, const char *c) { return qMakePair(QLatin1String(s), QLatin1String(c)); };
    QTest::newRow("no issues") << IssueList{} << false;
    for (const char *code :
         {"transient", "lock-error", "no-store", "exception", "timeout", "incomplete", "throttled"}) {
        QTest::addRow("error %s", code) << IssueList{i("error", code)} << true;
    }
    QTest::newRow("fatal timeout") << IssueList{i("fatal", "timeout")} << true;
    QTest::newRow("error invalid") << IssueList{i("error", "invalid")} << false;
    QTest::newRow("fatal not-found") << IssueList{i("fatal", "not-found")} << false;
    QTest::newRow("error too-costly") << IssueList{i("error", "too-costly")} << false;
    QTest::newRow("one transient, one fatal") << IssueList{i("error", "transient"), i("error", "processing")} << false;
    QTest::newRow("two transient") << IssueList{i("error", "throttled"), i("fatal", "exception")} << true;
    QTest::newRow("warning alone") << IssueList{i("warning", "informational")} << false;
    QTest::newRow("transient warning alone") << IssueList{i("warning", "transient")} << false;
    QTest::newRow("information alone") << IssueList{i("information", "informational")} << false;
    QTest::newRow("warnings do not veto") << IssueList{i("warning", "invalid"), i("error", "transient")} << true;
    QTest::newRow("information does not veto")
        << IssueList{i("error", "timeout"), i("information", "not-found")} << true;
}

void TestOperationOutcome::isTransient()
{
    QFETCH(IssueList, issues);
    QFETCH(bool, transient);

    OperationOutcome oo;
    for (const auto &[severity, code] : issues) {
        OperationOutcome::Issue is;
        is.severity = severity;
        is.code = code;
        oo.issues.append(is);
    }
    QCOMPARE(oo.isTransient(), transient);

    // The same verdict through parse().
    QJsonArray array;
    for (const auto &[severity, code] : issues) {
        array.append(QJsonObject{{QStringLiteral("severity"), severity}, {QStringLiteral("code"), code}});
    }
    const std::optional<OperationOutcome> parsed = OperationOutcome::parse(outcome(array));
    QVERIFY(parsed);
    QCOMPARE(parsed->isTransient(), transient);
}

void TestOperationOutcome::isTransientCode_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("transient");
    for (const char *code :
         {"transient", "lock-error", "no-store", "exception", "timeout", "incomplete", "throttled"}) {
        QTest::addRow("%s", code) << QString::fromLatin1(code) << true;
    }
    for (const char *code :
         {"invalid", "structure", "required", "value", "security", "login", "forbidden", "processing", "not-supported",
          "not-found", "too-costly", "informational", "", "multiple-matches"}) {
        QTest::addRow("%s", code) << QString::fromLatin1(code) << false;
    }
}

void TestOperationOutcome::isTransientCode()
{
    QFETCH(QString, code);
    QFETCH(bool, transient);
    QCOMPARE(OperationOutcome::isTransientCode(code), transient);
}

void TestOperationOutcome::summary_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("summary");

    QJsonObject invalid = issue("error", "invalid");
    invalid.insert(QStringLiteral("diagnostics"), QStringLiteral("_type contains Foo"));
    QJsonObject slow = issue("warning", "informational");
    slow.insert(QStringLiteral("details"), QJsonObject{{QStringLiteral("text"), QStringLiteral("Export is slow")}});
    QTest::newRow("header example") << outcome({invalid, slow})
                                    << "error (invalid): _type contains Foo; warning (informational): Export is slow";
    QTest::newRow("code only") << outcome({issue("fatal", "exception")}) << "fatal (exception)";
    QTest::newRow("no severity") << outcome({issue(nullptr, "processing")}) << "issue (processing)";
    QTest::newRow("no code") << outcome({issue("error", nullptr)}) << "error";
    QJsonObject textIsCode = issue("error", "throttled");
    textIsCode.insert(QStringLiteral("details"), QJsonObject{{QStringLiteral("text"), QStringLiteral("throttled")}});
    QTest::newRow("text equal to the code is not repeated") << outcome({textIsCode}) << "error (throttled)";
    QJsonObject noCodeText = issue("error", nullptr);
    noCodeText.insert(QStringLiteral("diagnostics"), QStringLiteral("Group too large"));
    QTest::newRow("text without code") << outcome({noCodeText}) << "error: Group too large";
    QTest::newRow("no issues") << outcome({}) << QString();
}

void TestOperationOutcome::summary()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, summary);
    const std::optional<OperationOutcome> oo = OperationOutcome::parse(body);
    QVERIFY(oo);
    QCOMPARE(oo->summary(), summary);
}

QTEST_GUILESS_MAIN(TestOperationOutcome)
#include "tst_operationoutcome.moc"
