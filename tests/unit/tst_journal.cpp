// Journal: real files in a temporary directory — snapshot round trip, appended file events and their replay,
// crash leftovers (events older than the snapshot, a torn last line), permissions, ids() and remove().
#include "export/journal.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

FileRecord file(int index)
{
    FileRecord f;
    f.index = index;
    f.type = QStringLiteral("Observation");
    f.url = QUrl(QStringLiteral("https://files.example.org/o%1.ndjson").arg(index));
    f.name = QStringLiteral("Observation.%1.ndjson").arg(index + 1, 6, 10, QLatin1Char('0'));
    return f;
}

ExportRecord record(const QString &id, int files = 3)
{
    ExportRecord r;
    r.id = id;
    r.profileName = QStringLiteral("Test");
    r.request.base = QUrl(QStringLiteral("https://fhir.example.org/r4"));
    r.request.groupId = QStringLiteral("g");
    r.state = ExportState::Downloading;
    r.statusUrl = QUrl(QStringLiteral("https://fhir.example.org/status/1"));
    for (int i = 0; i < files; ++i) {
        r.files.append(file(i));
    }
    return r;
}

int mode(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return -1;
    }
    return int(st.st_mode & 07777);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool appendRaw(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Append) && f.write(bytes) == bytes.size();
}

QByteArray eventLine(qint64 seq, const FileRecord &f)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("seq"), seq}, {QStringLiteral("file"), f.toJson()}})
               .toJson(QJsonDocument::Compact) +
           '\n';
}

} // namespace

class TestJournal : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void saveAndLoad();
    void permissions();
    void fileEventsReplayed();
    void saveFoldsEvents();
    void eventsOlderThanSnapshotIgnored();
    void tornLastLineIgnored();
    void appendAfterTornLine();
    void eventForUnknownFile();
    void ids();
    void remove();
    void loadErrors();
    void saveError();
    void directories();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_dir;
    mode_t m_oldUmask = 022;
};

void TestJournal::initTestCase()
{
    // With no umask, anything created without explicit permissions would be world-readable: the 0600/0700
    // checks below then prove the journal sets them itself.
    m_oldUmask = ::umask(0);
}

void TestJournal::cleanupTestCase()
{
    ::umask(m_oldUmask);
}

void TestJournal::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_dir = m_tmp->path() + QStringLiteral("/data/jobs"); // two missing levels
}

void TestJournal::cleanup()
{
    m_tmp.reset();
}

void TestJournal::saveAndLoad()
{
    Journal journal(m_dir);
    QCOMPARE(journal.directory(), m_dir);
    ExportRecord r = record(QStringLiteral("20240131-091500-a1b2"));
    r.files[1].state = FileRecord::State::Verified;
    r.files[1].sha256 = "abc";
    QString error;
    QVERIFY2(journal.save(r, &error), qPrintable(error));
    QVERIFY(QFile::exists(m_dir + QStringLiteral("/20240131-091500-a1b2.json")));

    const Journal other(m_dir); // a new process
    const std::optional<ExportRecord> back = other.load(r.id, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJson(), r.toJson());

    // Saving again replaces the snapshot.
    r.state = ExportState::Completed;
    QVERIFY(journal.save(r, &error));
    QCOMPARE(other.load(r.id, &error)->state, ExportState::Completed);
    QCOMPARE(QDir(m_dir).entryList(QDir::Files), QStringList{QStringLiteral("20240131-091500-a1b2.json")});
}

void TestJournal::permissions()
{
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("p"));
    QString error;
    QVERIFY(journal.save(r, &error));
    QVERIFY(journal.appendFileEvent(r, r.files.at(0), &error));

    QCOMPARE(mode(m_tmp->path() + QStringLiteral("/data")), 0700);
    QCOMPARE(mode(m_dir), 0700);
    QCOMPARE(mode(m_dir + QStringLiteral("/p.json")), 0600);
    QCOMPARE(mode(m_dir + QStringLiteral("/p.events")), 0600);

    // An existing snapshot someone loosened is tightened on the next save.
    QVERIFY(QFile::setPermissions(m_dir + QStringLiteral("/p.json"), QFile::Permissions(0x6666)));
    QCOMPARE(mode(m_dir + QStringLiteral("/p.json")), 0666);
    QVERIFY(journal.save(r, &error));
    QCOMPARE(mode(m_dir + QStringLiteral("/p.json")), 0600);
}

void TestJournal::fileEventsReplayed()
{
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("e"));
    QString error;
    QVERIFY(journal.save(r, &error));
    QCOMPARE(r.eventSequence, 0);

    FileRecord f0 = r.files.at(0);
    f0.state = FileRecord::State::Downloading;
    f0.bytes = 10;
    QVERIFY(journal.appendFileEvent(r, f0, &error));
    f0.state = FileRecord::State::Verified;
    f0.bytes = 1000;
    f0.sha256 = "f00";
    QVERIFY(journal.appendFileEvent(r, f0, &error));
    FileRecord f2 = r.files.at(2);
    f2.state = FileRecord::State::Failed;
    f2.message = QStringLiteral("HTTP 404");
    QVERIFY(journal.appendFileEvent(r, f2, &error));
    QCOMPARE(r.eventSequence, 3);

    // One line per event.
    QCOMPARE(readAll(m_dir + QStringLiteral("/e.events")).count('\n'), 3);

    const std::optional<ExportRecord> back = Journal(m_dir).load(QStringLiteral("e"), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->eventSequence, 3);
    QCOMPARE(back->files.at(0).toJson(), f0.toJson()); // the last event for a file wins
    QCOMPARE(back->files.at(1).toJson(), r.files.at(1).toJson());
    QCOMPARE(back->files.at(2).toJson(), f2.toJson());
}

void TestJournal::saveFoldsEvents()
{
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("fold"));
    QString error;
    QVERIFY(journal.save(r, &error));
    FileRecord f = r.files.at(1);
    f.state = FileRecord::State::Verified;
    QVERIFY(journal.appendFileEvent(r, f, &error));
    r.files[1] = f;
    QVERIFY(journal.save(r, &error)); // snapshot now holds event 1
    QCOMPARE(readAll(m_dir + QStringLiteral("/fold.events")), QByteArray());

    // Appends after the save land in the (restarted) event log and are replayed.
    FileRecord g = r.files.at(2);
    g.state = FileRecord::State::Rejected;
    QVERIFY(journal.appendFileEvent(r, g, &error));
    QCOMPARE(r.eventSequence, 2);
    QCOMPARE(readAll(m_dir + QStringLiteral("/fold.events")).count('\n'), 1);
    const std::optional<ExportRecord> back = Journal(m_dir).load(QStringLiteral("fold"), &error);
    QVERIFY(back);
    QCOMPARE(back->files.at(1).state, FileRecord::State::Verified);
    QCOMPARE(back->files.at(2).state, FileRecord::State::Rejected);
    QCOMPARE(back->eventSequence, 2);
}

void TestJournal::eventsOlderThanSnapshotIgnored()
{
    // A crash after the snapshot was renamed into place but before the event log was restarted leaves events the
    // snapshot already holds. Replaying them would roll a verified file back.
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("old"));
    r.files[0].state = FileRecord::State::Verified;
    r.eventSequence = 2;
    QString error;
    QVERIFY(journal.save(r, &error));

    FileRecord stale = r.files.at(0);
    stale.state = FileRecord::State::Downloading;
    FileRecord fresh = r.files.at(1);
    fresh.state = FileRecord::State::Failed;
    QVERIFY(appendRaw(m_dir + QStringLiteral("/old.events"),
                      eventLine(1, stale) + eventLine(2, stale) + eventLine(3, fresh)));

    const std::optional<ExportRecord> back = Journal(m_dir).load(QStringLiteral("old"), &error);
    QVERIFY(back);
    QCOMPARE(back->files.at(0).state, FileRecord::State::Verified);
    QCOMPARE(back->files.at(1).state, FileRecord::State::Failed);
    QCOMPARE(back->eventSequence, 3);
}

void TestJournal::tornLastLineIgnored()
{
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("torn"));
    QString error;
    QVERIFY(journal.save(r, &error));
    FileRecord f = r.files.at(0);
    f.state = FileRecord::State::Verified;
    QVERIFY(journal.appendFileEvent(r, f, &error));
    // The process died in the middle of the next line.
    FileRecord g = r.files.at(1);
    g.state = FileRecord::State::Verified;
    const QByteArray line = eventLine(2, g);
    QVERIFY(appendRaw(m_dir + QStringLiteral("/torn.events"), line.left(line.size() / 2)));

    const std::optional<ExportRecord> back = Journal(m_dir).load(QStringLiteral("torn"), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->eventSequence, 1);
    QCOMPARE(back->files.at(0).state, FileRecord::State::Verified);
    QCOMPARE(back->files.at(1).state, FileRecord::State::Pending);
}

void TestJournal::appendAfterTornLine()
{
    // After the crash above the next run resumes and appends again: its first event must not be glued onto the
    // torn line (and so lost on the following load).
    {
        Journal journal(m_dir);
        ExportRecord r = record(QStringLiteral("resume"));
        QString error;
        QVERIFY(journal.save(r, &error));
        const QByteArray line = eventLine(1, r.files.at(0));
        QVERIFY(appendRaw(m_dir + QStringLiteral("/resume.events"), line.left(20)));
    }
    Journal journal(m_dir);
    QString error;
    std::optional<ExportRecord> r = journal.load(QStringLiteral("resume"), &error);
    QVERIFY(r);
    QCOMPARE(r->eventSequence, 0);
    FileRecord f = r->files.at(2);
    f.state = FileRecord::State::Verified;
    f.bytes = 4242;
    QVERIFY(journal.appendFileEvent(*r, f, &error));

    const std::optional<ExportRecord> back = Journal(m_dir).load(QStringLiteral("resume"), &error);
    QVERIFY(back);
    QCOMPARE(back->files.at(2).state, FileRecord::State::Verified);
    QCOMPARE(back->files.at(2).bytes, 4242);
    QCOMPARE(back->eventSequence, 1);
}

void TestJournal::eventForUnknownFile()
{
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("unknown"), 1);
    QString error;
    QVERIFY(journal.save(r, &error));
    QVERIFY(journal.appendFileEvent(r, file(7), &error));
    QTest::ignoreMessage(QtWarningMsg, "journal event for unknown file 7 in \"unknown\"");
    const std::optional<ExportRecord> back = Journal(m_dir).load(QStringLiteral("unknown"), &error);
    QVERIFY(back);
    QCOMPARE(back->files.size(), 1);
    QCOMPARE(back->eventSequence, 1);
}

void TestJournal::ids()
{
    Journal journal(m_dir);
    QCOMPARE(journal.ids(), QStringList{}); // no directory yet
    QString error;
    for (const char *id : {"20240201-000000-0001", "20240301-120000-ffff", "20240101-235959-abcd"}) {
        ExportRecord r = record(QLatin1String(id));
        QVERIFY(journal.save(r, &error));
        QVERIFY(journal.appendFileEvent(r, r.files.at(0), &error)); // .events files are not ids
    }
    QVERIFY(appendRaw(m_dir + QStringLiteral("/notes.txt"), "x"));
    QCOMPARE(journal.ids(), (QStringList{QStringLiteral("20240301-120000-ffff"), QStringLiteral("20240201-000000-0001"),
                                         QStringLiteral("20240101-235959-abcd")}));
}

void TestJournal::remove()
{
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("gone"));
    ExportRecord keep = record(QStringLiteral("kept"));
    QString error;
    QVERIFY(journal.save(r, &error));
    QVERIFY(journal.save(keep, &error));
    QVERIFY(journal.appendFileEvent(r, r.files.at(0), &error));

    QVERIFY(journal.remove(QStringLiteral("gone")));
    QVERIFY(!QFile::exists(m_dir + QStringLiteral("/gone.json")));
    QVERIFY(!QFile::exists(m_dir + QStringLiteral("/gone.events")));
    QCOMPARE(journal.ids(), QStringList{QStringLiteral("kept")});
    QVERIFY(!journal.load(QStringLiteral("gone"), &error));
    QVERIFY(!journal.remove(QStringLiteral("gone")));

    // The same id can be journaled afresh: no stale handle writes into a deleted file.
    QVERIFY(journal.save(r, &error));
    QVERIFY(journal.appendFileEvent(r, r.files.at(1), &error));
    QCOMPARE(readAll(m_dir + QStringLiteral("/gone.events")).count('\n'), 1);
}

void TestJournal::loadErrors()
{
    const Journal journal(m_dir);
    QString error;
    QVERIFY(!journal.load(QStringLiteral("missing"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("No journal for export missing (")), qPrintable(error));

    QVERIFY(QDir().mkpath(m_dir));
    QVERIFY(appendRaw(m_dir + QStringLiteral("/broken.json"), "{\"id\":"));
    error.clear();
    QVERIFY(!journal.load(QStringLiteral("broken"), &error));
    QVERIFY2(error.startsWith(QStringLiteral("The journal of export broken is damaged (")), qPrintable(error));
}

void TestJournal::saveError()
{
    // The journal directory's place is taken by a file: the save must say so, not pretend.
    QVERIFY(QDir().mkpath(m_tmp->path() + QStringLiteral("/data")));
    QVERIFY(appendRaw(m_dir, "not a directory"));
    Journal journal(m_dir);
    ExportRecord r = record(QStringLiteral("x"));
    QString error;
    QVERIFY(!journal.save(r, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!journal.appendFileEvent(r, r.files.at(0), &error));
    QVERIFY(!error.isEmpty());
}

void TestJournal::directories()
{
    const QByteArray old = qgetenv("FERRY_DATA_DIR");
    qputenv("FERRY_DATA_DIR", QFile::encodeName(m_tmp->path()));
    QCOMPARE(Journal::dataDirectory(), m_tmp->path());
    QCOMPARE(Journal::defaultDirectory(), m_tmp->path() + QStringLiteral("/jobs"));
    qunsetenv("FERRY_DATA_DIR");
    QVERIFY(!Journal::dataDirectory().isEmpty());
    QVERIFY(Journal::defaultDirectory().endsWith(QStringLiteral("/jobs")));
    if (!old.isNull()) {
        qputenv("FERRY_DATA_DIR", old);
    }
}

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
