// The connection preflight against a real ferry-sandbox: every step in order, and what it says when things are
// wrong (an unknown group, a base URL that is not a FHIR server, a preset that does not match the server).

#include "sandboxprocess.h"

#include "preflight/connectioncheck.h"
#include "util/clock.h"
#include "vendor/vendorregistry.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

class TestConnectionCheck : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void openSandboxPassesEveryStep();
    void unknownGroupIsAWarningWithAdvice();
    void wrongBaseUrlFailsAtTheFirstStep();
    void recognisesTheVendorBehindAGenericProfile();

private:
    PreflightReport run(const ConnectionCheck::Input &input);
    static const PreflightStep *step(const PreflightReport &report, const QString &id);

    SandboxProcess m_sandbox;
    QNetworkAccessManager m_nam;
};

void TestConnectionCheck::initTestCase()
{
    QString error;
    QVERIFY2(m_sandbox.start({QStringLiteral("--quiet")}, &error), qPrintable(error));
}

PreflightReport TestConnectionCheck::run(const ConnectionCheck::Input &input)
{
    ConnectionCheck check(&m_nam, Clock::system(), input);
    QSignalSpy finished(&check, &ConnectionCheck::finished);
    QSignalSpy steps(&check, &ConnectionCheck::stepFinished);
    check.start();
    if (!finished.wait(20000)) {
        return {};
    }
    [&] { QCOMPARE(steps.count(), check.report().steps.size()); }();
    return check.report();
}

const PreflightStep *TestConnectionCheck::step(const PreflightReport &report, const QString &id)
{
    for (const PreflightStep &s : report.steps) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

void TestConnectionCheck::openSandboxPassesEveryStep()
{
    ConnectionCheck::Input input;
    input.request.base = m_sandbox.fhirBase();
    input.request.level = ExportLevel::Group;
    input.request.groupId = QStringLiteral("demo");
    input.request.types = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    const PreflightReport report = run(input);
    QVERIFY2(!report.hasFailures(), qPrintable(report.toText()));
    QStringList ids;
    for (const PreflightStep &s : report.steps) {
        ids << s.id;
    }
    QCOMPARE(ids, (QStringList{QStringLiteral("metadata"), QStringLiteral("smart-configuration"),
                               QStringLiteral("vendor"), QStringLiteral("token"), QStringLiteral("scopes"),
                               QStringLiteral("bulk"), QStringLiteral("group")}));
    QCOMPARE(step(report, QStringLiteral("metadata"))->status, PreflightStep::Status::Ok);
    QVERIFY(report.capabilities->exportLevels.contains(QStringLiteral("group")));
    QCOMPARE(step(report, QStringLiteral("bulk"))->status, PreflightStep::Status::Ok);
    QCOMPARE(step(report, QStringLiteral("group"))->status, PreflightStep::Status::Ok);
    QCOMPARE(step(report, QStringLiteral("token"))->status, PreflightStep::Status::Skipped);
}

void TestConnectionCheck::unknownGroupIsAWarningWithAdvice()
{
    ConnectionCheck::Input input;
    input.request.base = m_sandbox.fhirBase();
    input.request.level = ExportLevel::Group;
    input.request.groupId = QStringLiteral("no-such-group");
    const PreflightReport report = run(input);
    const PreflightStep *group = step(report, QStringLiteral("group"));
    QVERIFY(group);
    QCOMPARE(group->status, PreflightStep::Status::Warning);
    QVERIFY(group->detail.contains(QStringLiteral("no-such-group")));
    QVERIFY(!group->advice.isEmpty());
}

void TestConnectionCheck::wrongBaseUrlFailsAtTheFirstStep()
{
    ConnectionCheck::Input input;
    QUrl wrong = m_sandbox.fhirBase();
    wrong.setPath(QStringLiteral("/nothing-here"));
    input.request.base = wrong;
    const PreflightReport report = run(input);
    QCOMPARE(report.steps.size(), 1);
    QCOMPARE(report.steps.first().status, PreflightStep::Status::Failed);
    QVERIFY2(report.steps.first().advice.contains(QStringLiteral("base URL")), qPrintable(report.toText()));
}

void TestConnectionCheck::recognisesTheVendorBehindAGenericProfile()
{
    // A preset whose software name matches the sandbox's CapabilityStatement stands in for a real vendor.
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--quiet")}, &error), qPrintable(error));
    ConnectionCheck::Input input;
    input.request.base = sandbox.fhirBase();
    input.request.level = ExportLevel::Patient;
    const PreflightReport report = run(input);
    const PreflightStep *vendor = step(report, QStringLiteral("vendor"));
    QVERIFY(vendor);
    QVERIFY2(report.capabilities && !report.capabilities->softwareName.isEmpty(), qPrintable(report.toText()));
    bool anyPresetMatches = false;
    for (const VendorProfile &p : VendorRegistry::instance().all()) {
        for (const QString &n : p.softwareNames) {
            anyPresetMatches = anyPresetMatches || report.capabilities->softwareName.contains(n, Qt::CaseInsensitive);
        }
    }
    QCOMPARE(vendor->status, anyPresetMatches ? PreflightStep::Status::Warning : PreflightStep::Status::Ok);
}

QTEST_GUILESS_MAIN(TestConnectionCheck)
#include "tst_connection_check.moc"
