// ExportRecord: the journal snapshot's JSON round trip, file(index), the derived counts, defaults and ids.
#include "export/exportrecord.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

namespace {

FileRecord file(int index, FileRecord::State state, qint64 bytes)
{
    FileRecord f;
    f.index = index;
    f.type = QStringLiteral("Patient");
    f.url = QUrl(QStringLiteral("https://files.example.org/%1.ndjson").arg(index));
    f.name = QStringLiteral("Patient.%1.ndjson").arg(index + 1, 6, 10, QLatin1Char('0'));
    f.state = state;
    f.bytes = bytes;
    return f;
}

ExportRecord full()
{
    ExportRecord r;
    r.id = QStringLiteral("20240131-091500-a1b2");
    r.profileId = QStringLiteral("profile-7");
    r.profileName = QStringLiteral("Oracle prod");
    r.vendorId = QStringLiteral("oracle-health");
    r.clientId = QStringLiteral("client-123");
    r.request.base = QUrl(QStringLiteral("https://fhir-ehr.cerner.com/r4/tenant"));
    r.request.groupId = QStringLiteral("g-1");
    r.request.types = {QStringLiteral("Patient")};
    r.request.since = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::OffsetFromUTC, 3600);
    r.outputDir = QStringLiteral("/data/exports/Oracle_prod/group-g-1/20240131T091500Z");
    r.parallelDownloads = 2;
    r.deleteAfterDownload = false;
    r.state = ExportState::Downloading;
    r.message = QStringLiteral("2 files failed");
    r.activity = QStringLiteral("server asked 5 h; checking every 15 min");
    r.createdAt = QDateTime(QDate(2024, 1, 31), QTime(9, 15, 0, 1), Qt::UTC);
    r.kickoffAt = QDateTime(QDate(2024, 1, 31), QTime(9, 15, 2, 500), Qt::UTC);
    r.manifestAt = QDateTime(QDate(2024, 1, 31), QTime(11, 0, 0), Qt::OffsetFromUTC, -5 * 3600);
    r.finishedAt = QDateTime();
    r.statusUrl =
        QUrl(QStringLiteral("https://fhir-ehr.cerner.com/r4/tenant/bulk-export/jobs/j%2B1?x=1"), QUrl::StrictMode);
    r.polls = 12;
    r.progress.text = QStringLiteral("23.0% complete");
    r.progress.percent = 23.0;
    r.progress.count = 1200;
    r.manifestPages = QJsonArray{QJsonObject{{QStringLiteral("transactionTime"), QStringLiteral("2024-01-31")}}};
    r.manifestComplete = true;
    r.transactionTime = QDateTime(QDate(2024, 1, 31), QTime(9, 15, 1, 999), Qt::UTC);
    r.requiresAccessToken = false;
    r.expires = QDateTime(QDate(2024, 3, 1), QTime(0, 0), Qt::UTC);
    r.manifestRefreshed = true;
    r.deviations = {QStringLiteral("the \"error\" list is missing")};
    r.problems = {QStringLiteral("output[3] has no url")};
    r.files = {file(0, FileRecord::State::Verified, 100), file(1, FileRecord::State::Failed, 50),
               file(2, FileRecord::State::Pending, 0)};
    r.serverDeleted = true;
    r.cleanupNote = QStringLiteral("DELETE answered 403; 1upHealth keeps its files");
    r.eventSequence = 9'000'000'000;
    return r;
}

ExportRecord throughText(const ExportRecord &r)
{
    return ExportRecord::fromJson(QJsonDocument::fromJson(QJsonDocument(r.toJson()).toJson()).object());
}

} // namespace

class TestExportRecord : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void roundTripEmpty();
    void fromJsonDefaults();
    void fileByIndex_data();
    void fileByIndex();
    void fileByIndexAfterReorder();
    void counts();
    void hasStatusUrl_data();
    void hasStatusUrl();
    void newId();
    void compactTextSameAsQJsonDocument();
};

void TestExportRecord::roundTrip()
{
    const ExportRecord r = full();
    const ExportRecord b = throughText(r);
    QCOMPARE(b.id, r.id);
    QCOMPARE(b.profileId, r.profileId);
    QCOMPARE(b.profileName, r.profileName);
    QCOMPARE(b.vendorId, r.vendorId);
    QCOMPARE(b.clientId, r.clientId);
    QCOMPARE(b.request.toJson(), r.request.toJson());
    QCOMPARE(b.outputDir, r.outputDir);
    QCOMPARE(b.parallelDownloads, 2);
    QCOMPARE(b.deleteAfterDownload, false);
    QCOMPARE(b.state, ExportState::Downloading);
    QCOMPARE(b.message, r.message);
    QCOMPARE(b.activity, r.activity);
    QCOMPARE(b.createdAt, r.createdAt);
    QCOMPARE(b.kickoffAt, r.kickoffAt);
    QCOMPARE(b.manifestAt, r.manifestAt);
    QVERIFY(!b.finishedAt.isValid());
    QCOMPARE(b.statusUrl.toEncoded(), r.statusUrl.toEncoded());
    QCOMPARE(b.polls, 12);
    QCOMPARE(b.progress.text, r.progress.text);
    QCOMPARE(b.progress.percent, std::optional<double>(23.0));
    QCOMPARE(b.progress.count, std::optional<qint64>(1200));
    QCOMPARE(b.manifestPages, r.manifestPages);
    QCOMPARE(b.manifestComplete, true);
    QCOMPARE(b.transactionTime, r.transactionTime); // milliseconds kept: it becomes the next _since
    QCOMPARE(b.requiresAccessToken, false);
    QCOMPARE(b.expires, r.expires);
    QCOMPARE(b.manifestRefreshed, true);
    QCOMPARE(b.deviations, r.deviations);
    QCOMPARE(b.problems, r.problems);
    QCOMPARE(b.files.size(), 3);
    for (qsizetype i = 0; i < b.files.size(); ++i) {
        QCOMPARE(b.files.at(i).toJson(), r.files.at(i).toJson());
    }
    QCOMPARE(b.serverDeleted, true);
    QCOMPARE(b.cleanupNote, r.cleanupNote);
    QCOMPARE(b.eventSequence, qint64(9'000'000'000));
    QCOMPARE(b.toJson(), r.toJson());
}

void TestExportRecord::roundTripEmpty()
{
    ExportRecord r;
    r.id = QStringLiteral("x");
    const ExportRecord b = throughText(r);
    QCOMPARE(b.toJson(), r.toJson());
    QCOMPARE(b.progress.percent, std::nullopt);
    QCOMPARE(b.progress.count, std::nullopt);
    QVERIFY(!b.createdAt.isValid());
    QVERIFY(!b.transactionTime.isValid());
    QVERIFY(!b.hasStatusUrl());
    QCOMPARE(b.state, ExportState::Created);
}

void TestExportRecord::fromJsonDefaults()
{
    const ExportRecord r = ExportRecord::fromJson(QJsonObject{{QStringLiteral("state"), QStringLiteral("warping")}});
    QCOMPARE(r.vendorId, QStringLiteral("generic"));
    QCOMPARE(r.parallelDownloads, 4);
    QCOMPARE(r.deleteAfterDownload, true);
    QCOMPARE(r.requiresAccessToken, true);
    // A state this version does not know is not resumed blindly.
    QCOMPARE(r.state, ExportState::Failed);
    QCOMPARE(r.eventSequence, 0);
    QVERIFY(r.files.isEmpty());
}

void TestExportRecord::fileByIndex_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("found");
    QTest::newRow("first") << 0 << true;
    QTest::newRow("last") << 2 << true;
    QTest::newRow("past the end") << 3 << false;
    QTest::newRow("negative") << -1 << false;
    QTest::newRow("far") << 1'000'000 << false;
}

void TestExportRecord::fileByIndex()
{
    QFETCH(int, index);
    QFETCH(bool, found);
    ExportRecord r = full();
    FileRecord *f = r.file(index);
    QCOMPARE(f != nullptr, found);
    if (f) {
        QCOMPARE(f->index, index);
        // A pointer into the record: writes land in it.
        f->bytes = 777;
        QCOMPARE(r.files.at(index).bytes, 777);
    }
}

void TestExportRecord::fileByIndexAfterReorder()
{
    // Indexes that are not positions (pages merged out of order) are still found by value.
    ExportRecord r;
    r.files = {file(5, FileRecord::State::Pending, 0), file(0, FileRecord::State::Pending, 0),
               file(9, FileRecord::State::Pending, 0)};
    QVERIFY(r.file(0));
    QCOMPARE(r.file(0)->index, 0);
    QVERIFY(r.file(9));
    QCOMPARE(r.file(9)->index, 9);
    QVERIFY(r.file(5));
    QCOMPARE(r.file(5)->index, 5);
    QVERIFY(!r.file(1));
    QVERIFY(!r.file(2));
}

void TestExportRecord::counts()
{
    ExportRecord r = full();
    r.files.append(file(3, FileRecord::State::Downloading, 25));
    r.files.append(file(4, FileRecord::State::Unusable, 0));
    r.files.append(file(5, FileRecord::State::Verified, 7'000'000'000));
    QCOMPARE(r.bytesDone(), qint64(100 + 50 + 25 + 7'000'000'000));
    QCOMPARE(r.filesIn(FileRecord::State::Verified), 2);
    QCOMPARE(r.filesIn(FileRecord::State::Failed), 1);
    QCOMPARE(r.filesIn(FileRecord::State::Pending), 1);
    QCOMPARE(r.filesIn(FileRecord::State::Downloading), 1);
    QCOMPARE(r.filesIn(FileRecord::State::Rejected), 0);
    QCOMPARE(r.filesFinal(), 4); // verified ×2, failed, unusable

    const ExportRecord empty;
    QCOMPARE(empty.bytesDone(), 0);
    QCOMPARE(empty.filesFinal(), 0);
    QCOMPARE(empty.filesIn(FileRecord::State::Pending), 0);
}

void TestExportRecord::hasStatusUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("has");
    QTest::newRow("absolute") << "https://fhir.example.org/status/1" << true;
    QTest::newRow("empty") << QString() << false;
}

void TestExportRecord::hasStatusUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, has);
    ExportRecord r;
    r.statusUrl = QUrl(url);
    QCOMPARE(r.hasStatusUrl(), has);
    QCOMPARE(throughText(r).hasStatusUrl(), has);
}

void TestExportRecord::newId()
{
    // The id is the UTC time plus a random suffix, whatever zone the given time is in.
    const QDateTime now(QDate(2024, 1, 31), QTime(10, 15, 30), Qt::OffsetFromUTC, 3600);
    const QString id = ExportRecord::newId(now);
    static const QRegularExpression shape(QStringLiteral("^20240131-091530-[0-9a-f]{4}$"));
    QVERIFY2(shape.match(id).hasMatch(), qPrintable(id));
    // Ids sort by time (Journal::ids() relies on it).
    QVERIFY(ExportRecord::newId(now.addSecs(1)) > id.left(15) + QStringLiteral("-ffff"));
}

void TestExportRecord::compactTextSameAsQJsonDocument()
{
    // The journal snapshot is toCompactJson(): the same bytes as the QJsonDocument of toJson(), files and all.
    for (ExportRecord r : {full(), ExportRecord()}) {
        QCOMPARE(r.toCompactJson(), QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact));
        r.finishedAt = QDateTime(QDate(2024, 2, 1), QTime(1, 2, 3), Qt::UTC);
        r.failureKind = QStringLiteral(",\"finishedAt\":");
        r.activity = QStringLiteral("\",\"finishedAt\":\"");
        QCOMPARE(r.toCompactJson(), QJsonDocument(r.toJson()).toJson(QJsonDocument::Compact));
        QCOMPARE(ExportRecord::fromJson(QJsonDocument::fromJson(r.toCompactJson()).object()).toJson(), r.toJson());
    }
}

QTEST_GUILESS_MAIN(TestExportRecord)
#include "tst_exportrecord.moc"
