// ExportHistory: the "since last export" memory — round trip, one key per base + level + group, file hygiene.
#include "export/exporthistory.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

ExportRequest request(const QString &base, ExportLevel level, const QString &id = {})
{
    ExportRequest r;
    r.base = QUrl(base);
    r.level = level;
    if (level == ExportLevel::Group) {
        r.groupId = id;
    } else if (level == ExportLevel::ResourceType) {
        r.resourceType = id;
    }
    return r;
}

ExportHistory::Entry entry(const QDateTime &t, const QString &id)
{
    return ExportHistory::Entry{t, id, QStringLiteral("/data/exports/x/") + id};
}

int mode(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestExportHistory : public QObject
{
    Q_OBJECT

private slots:
    void key_data();
    void key();
    void roundTrip();
    void keysAreSeparate();
    void unknownAndDamaged();
    void fileHygiene();
    void recordError();
};

void TestExportHistory::key_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("key");

    QTest::newRow("group") << "https://fhir.example.org/r4" << int(ExportLevel::Group) << "g-1"
                           << "https://fhir.example.org/r4 group/g-1";
    QTest::newRow("trailing slash is the same server")
        << "https://fhir.example.org/r4/" << int(ExportLevel::Group) << "g-1"
        << "https://fhir.example.org/r4 group/g-1";
    QTest::newRow("case of scheme and host") << "HTTPS://FHIR.Example.org/r4" << int(ExportLevel::Group) << "g-1"
                                             << "https://fhir.example.org/r4 group/g-1";
    QTest::newRow("user info and query dropped")
        << "https://user:pw@fhir.example.org/r4?x=1" << int(ExportLevel::Group) << "g-1"
        << "https://fhir.example.org/r4 group/g-1";
    QTest::newRow("patient") << "https://fhir.example.org/r4" << int(ExportLevel::Patient) << QString()
                             << "https://fhir.example.org/r4 patient";
    QTest::newRow("system") << "https://fhir.example.org/r4" << int(ExportLevel::System) << QString()
                            << "https://fhir.example.org/r4 system";
    QTest::newRow("resource type") << "https://gw.example.org/fhir" << int(ExportLevel::ResourceType) << "Patient"
                                   << "https://gw.example.org/fhir type/Patient";
}

void TestExportHistory::key()
{
    QFETCH(QString, base);
    QFETCH(int, level);
    QFETCH(QString, id);
    QFETCH(QString, key);
    QCOMPARE(ExportHistory::key(request(base, ExportLevel(level), id)), key);
}

void TestExportHistory::roundTrip()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    ExportHistory history(tmp.path() + QStringLiteral("/history.json"));
    const ExportRequest r =
        request(QStringLiteral("https://fhir.example.org/r4"), ExportLevel::Group, QStringLiteral("g-1"));
    QCOMPARE(history.last(r).has_value(), false);

    // Milliseconds and the instant survive (the value goes back to the server as _since).
    const QDateTime t(QDate(2024, 1, 31), QTime(9, 15, 1, 238), Qt::OffsetFromUTC, 3600);
    QString error;
    QVERIFY2(history.record(r, entry(t, QStringLiteral("20240131-081501-a1b2")), &error), qPrintable(error));

    const std::optional<ExportHistory::Entry> e = ExportHistory(history).last(r);
    QVERIFY(e);
    QCOMPARE(e->transactionTime, t);
    QCOMPARE(e->transactionTime.toUTC().time().msec(), 238);
    QCOMPARE(e->exportId, QStringLiteral("20240131-081501-a1b2"));
    QCOMPARE(e->outputDir, QStringLiteral("/data/exports/x/20240131-081501-a1b2"));

    // The same request spelled with a trailing slash finds it.
    QVERIFY(history.last(
        request(QStringLiteral("https://fhir.example.org/r4/"), ExportLevel::Group, QStringLiteral("g-1"))));

    // A later export replaces it.
    const QDateTime later = t.addDays(7);
    QVERIFY(history.record(r, entry(later, QStringLiteral("next")), &error));
    QCOMPARE(history.last(r)->transactionTime, later);
    QCOMPARE(history.last(r)->exportId, QStringLiteral("next"));
}

void TestExportHistory::keysAreSeparate()
{
    QTemporaryDir tmp;
    ExportHistory history(tmp.path() + QStringLiteral("/history.json"));
    const QString base = QStringLiteral("https://fhir.example.org/r4");
    const QList<ExportRequest> requests{
        request(base, ExportLevel::Group, QStringLiteral("g-1")),
        request(base, ExportLevel::Group, QStringLiteral("g-2")),
        request(base, ExportLevel::Patient),
        request(base, ExportLevel::System),
        request(base, ExportLevel::ResourceType, QStringLiteral("Patient")),
        request(QStringLiteral("https://other.example.org/r4"), ExportLevel::Group, QStringLiteral("g-1")),
        request(QStringLiteral("https://fhir.example.org/r5"), ExportLevel::Group, QStringLiteral("g-1")),
    };
    const QDateTime t0(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC);
    QString error;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        QVERIFY(history.record(requests.at(i), entry(t0.addDays(i), QString::number(i)), &error));
    }
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const std::optional<ExportHistory::Entry> e = history.last(requests.at(i));
        QVERIFY(e);
        QCOMPARE(e->transactionTime, t0.addDays(i));
        QCOMPARE(e->exportId, QString::number(i));
    }
}

void TestExportHistory::unknownAndDamaged()
{
    QTemporaryDir tmp;
    const QString path = tmp.path() + QStringLiteral("/history.json");
    ExportHistory history(path);
    const ExportRequest r = request(QStringLiteral("https://fhir.example.org/r4"), ExportLevel::Patient);
    QVERIFY(!history.last(r)); // no file

    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{ExportHistory::key(r),
                                       QJsonObject{{QStringLiteral("transactionTime"), QStringLiteral("never")}}}})
                .toJson());
    f.close();
    QVERIFY(!history.last(r)); // an entry without a readable time is no entry

    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{ damaged");
    f.close();
    QVERIFY(!history.last(r));
    // Recording over a damaged file starts a fresh one.
    QString error;
    QVERIFY(history.record(r, entry(QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC), QStringLiteral("x")), &error));
    QVERIFY(history.last(r));
}

void TestExportHistory::fileHygiene()
{
    QTemporaryDir tmp;
    const mode_t old = ::umask(0);
    const QString path = tmp.path() + QStringLiteral("/new/dir/history.json");
    ExportHistory history(path);
    QString error;
    const bool ok =
        history.record(request(QStringLiteral("https://fhir.example.org/r4"), ExportLevel::System),
                       entry(QDateTime(QDate(2024, 5, 1), QTime(0, 0), Qt::UTC), QStringLiteral("x")), &error);
    ::umask(old);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(mode(tmp.path() + QStringLiteral("/new")), 0700);
    QCOMPARE(mode(tmp.path() + QStringLiteral("/new/dir")), 0700);
    QCOMPARE(mode(path), 0600);
}

void TestExportHistory::recordError()
{
    QTemporaryDir tmp;
    QFile blocker(tmp.path() + QStringLiteral("/file"));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ExportHistory history(tmp.path() + QStringLiteral("/file/history.json"));
    QString error;
    QVERIFY(!history.record(request(QStringLiteral("https://fhir.example.org/r4"), ExportLevel::System),
                            entry(QDateTime::currentDateTimeUtc(), QStringLiteral("x")), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestExportHistory)
#include "tst_exporthistory.moc"
