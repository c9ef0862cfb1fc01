// ExportState: every (from, to) pair of the transition table, names for the journal, terminal states.
#include "export/exportstate.h"

#include <QSet>
#include <QTest>

namespace {

using S = ExportState;
constexpr S kAll[] = {S::Created,   S::KickingOff, S::Polling,   S::Downloading, S::CleaningUp,
                      S::Completed, S::Failed,     S::Cancelled, S::Expired};

// The allowed transitions, written out from the state diagram in exportstate.h and DESIGN.md's flow.
QList<QPair<S, S>> allowed()
{
    return {
        // the happy path
        {S::Created, S::KickingOff},
        {S::KickingOff, S::Polling},
        {S::KickingOff, S::Downloading}, // a synchronous 200 with the manifest (1upHealth legacy)
        {S::Polling, S::Downloading},
        {S::Downloading, S::CleaningUp},
        {S::Downloading, S::Completed}, // no server clean-up (deleteAfterDownload off)
        {S::CleaningUp, S::Completed},
        // failures
        {S::Created, S::Failed},
        {S::KickingOff, S::Failed},
        {S::Polling, S::Failed},
        {S::Downloading, S::Failed},
        // the server's job or files are gone
        {S::Polling, S::Expired},
        {S::Downloading, S::Expired},
        // cancel from anything but Completed and Cancelled (DESIGN.md: "any state ──► Cancelled")
        {S::Created, S::Cancelled},
        {S::KickingOff, S::Cancelled},
        {S::Polling, S::Cancelled},
        {S::Downloading, S::Cancelled},
        {S::CleaningUp, S::Cancelled},
        {S::Failed, S::Cancelled},
        {S::Expired, S::Cancelled},
        // resume / retry
        {S::Failed, S::KickingOff},
        {S::Failed, S::Polling},
        {S::Failed, S::Downloading},
        {S::Expired, S::KickingOff},
        {S::Expired, S::Polling},
        {S::Expired, S::Downloading},
    };
}

} // namespace

class TestExportState : public QObject
{
    Q_OBJECT

private slots:
    void transitions_data();
    void transitions();
    void names_data();
    void names();
    void unknownNames_data();
    void unknownNames();
    void terminal_data();
    void terminal();
    void namesAreDistinct();
};

void TestExportState::transitions_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<bool>("expected");

    const QList<QPair<S, S>> ok = allowed();
    for (S from : kAll) {
        for (S to : kAll) {
            QTest::addRow("%s -> %s", qPrintable(ExportStates::name(from)), qPrintable(ExportStates::name(to)))
                << int(from) << int(to) << ok.contains(qMakePair(from, to));
        }
    }
}

void TestExportState::transitions()
{
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(bool, expected);
    QCOMPARE(ExportStates::canTransition(S(from), S(to)), expected);
}

void TestExportState::names_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("display");
    QTest::newRow("created") << int(S::Created) << "created"
                             << "Queued";
    QTest::newRow("kicking-off") << int(S::KickingOff) << "kicking-off"
                                 << "Starting";
    QTest::newRow("polling") << int(S::Polling) << "polling"
                             << "Server preparing";
    QTest::newRow("downloading") << int(S::Downloading) << "downloading"
                                 << "Downloading";
    QTest::newRow("cleaning-up") << int(S::CleaningUp) << "cleaning-up"
                                 << "Cleaning up";
    QTest::newRow("completed") << int(S::Completed) << "completed"
                               << "Completed";
    QTest::newRow("failed") << int(S::Failed) << "failed"
                            << "Failed";
    QTest::newRow("cancelled") << int(S::Cancelled) << "cancelled"
                               << "Cancelled";
    QTest::newRow("expired") << int(S::Expired) << "expired"
                             << "Expired";
}

void TestExportState::names()
{
    QFETCH(int, state);
    QFETCH(QString, name);
    QFETCH(QString, display);
    QCOMPARE(ExportStates::name(S(state)), name);
    QCOMPARE(ExportStates::fromName(name), std::optional<S>(S(state)));
    QCOMPARE(ExportStates::displayName(S(state)), display);
}

void TestExportState::unknownNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("capitalised") << "Polling";
    QTest::newRow("enum spelling") << "KickingOff";
    QTest::newRow("display name") << "Queued";
    QTest::newRow("padded") << " polling";
}

void TestExportState::unknownNames()
{
    QFETCH(QString, name);
    QCOMPARE(ExportStates::fromName(name), std::nullopt);
}

void TestExportState::terminal_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("terminal");
    for (S s : kAll) {
        const bool terminal = s == S::Completed || s == S::Failed || s == S::Cancelled || s == S::Expired;
        QTest::addRow("%s", qPrintable(ExportStates::name(s))) << int(s) << terminal;
    }
}

void TestExportState::terminal()
{
    QFETCH(int, state);
    QFETCH(bool, terminal);
    QCOMPARE(ExportStates::isTerminal(S(state)), terminal);
    if (S(state) == S::Completed || S(state) == S::Cancelled) {
        // Final for good: nothing leaves them.
        for (S to : kAll) {
            QVERIFY(!ExportStates::canTransition(S(state), to));
        }
    }
}

void TestExportState::namesAreDistinct()
{
    QSet<QString> names;
    for (S s : kAll) {
        names.insert(ExportStates::name(s));
    }
    QCOMPARE(names.size(), qsizetype(std::size(kAll)));
}

QTEST_GUILESS_MAIN(TestExportState)
#include "tst_exportstate.moc"
