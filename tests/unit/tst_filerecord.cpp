// FileRecord: the journaled JSON of one manifest file, with and without its optional fields.
#include "export/filerecord.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

FileRecord full()
{
    FileRecord f;
    f.index = 17;
    f.kind = ManifestEntry::Kind::Error;
    f.type = QStringLiteral("OperationOutcome");
    // A pre-signed URL: its encoded query must come back byte for byte.
    f.url = QUrl(QStringLiteral("https://bucket.s3.amazonaws.com/exp/e%2B1.ndjson?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
                                "X-Amz-Credential=AKIA%2F20240131%2Fus-east-1&X-Amz-Signature=abc%3D%3D"),
                 QUrl::StrictMode);
    f.count = 42;
    f.name = QStringLiteral("errors/OperationOutcome.000001.ndjson");
    f.state = FileRecord::State::Rejected;
    f.bytes = 5'000'000'123;
    f.lines = 41;
    f.sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    f.etag = "\"33a64df5\"";
    f.lastModified = "Wed, 31 Jan 2024 10:00:00 GMT";
    f.attempts = 3;
    f.message = QStringLiteral("line 42: resourceType is Patient, expected OperationOutcome");
    f.expires = QDateTime(QDate(2024, 2, 1), QTime(10, 0, 0), Qt::UTC);
    return f;
}

void compareRecords(const FileRecord &a, const FileRecord &b)
{
    QCOMPARE(a.index, b.index);
    QCOMPARE(a.kind, b.kind);
    QCOMPARE(a.type, b.type);
    QCOMPARE(a.url, b.url);
    QCOMPARE(a.url.toEncoded(), b.url.toEncoded());
    QCOMPARE(a.count, b.count);
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.state, b.state);
    QCOMPARE(a.bytes, b.bytes);
    QCOMPARE(a.lines, b.lines);
    QCOMPARE(a.sha256, b.sha256);
    QCOMPARE(a.etag, b.etag);
    QCOMPARE(a.lastModified, b.lastModified);
    QCOMPARE(a.attempts, b.attempts);
    QCOMPARE(a.message, b.message);
    QCOMPARE(a.expires.isValid(), b.expires.isValid());
    if (a.expires.isValid()) {
        QCOMPARE(a.expires, b.expires);
    }
}

FileRecord throughText(const FileRecord &f)
{
    return FileRecord::fromJson(QJsonDocument::fromJson(QJsonDocument(f.toJson()).toJson()).object());
}

} // namespace

Q_DECLARE_METATYPE(FileRecord)

class TestFileRecord : public QObject
{
    Q_OBJECT

private slots:
    void roundTripFull();
    void roundTripMinimal();
    void optionalKeysOmitted();
    void states_data();
    void states();
    void kinds_data();
    void kinds();
    void fromJsonDefaults();
    void entry();
    void compactTextSameAsQJsonDocument_data();
    void compactTextSameAsQJsonDocument();
};

void TestFileRecord::roundTripFull()
{
    const FileRecord f = full();
    const FileRecord back = throughText(f);
    compareRecords(back, f);
    QCOMPARE(back.toJson(), f.toJson());
}

void TestFileRecord::roundTripMinimal()
{
    FileRecord f;
    f.index = 0;
    f.type = QStringLiteral("Patient");
    f.url = QUrl(QStringLiteral("https://files.example.org/p.ndjson"));
    f.name = QStringLiteral("Patient.000001.ndjson");
    const FileRecord back = throughText(f);
    compareRecords(back, f);
    QCOMPARE(back.count, std::nullopt);
    QVERIFY(!back.expires.isValid());
    QCOMPARE(back.state, FileRecord::State::Pending);
}

void TestFileRecord::optionalKeysOmitted()
{
    FileRecord f;
    f.url = QUrl(QStringLiteral("https://files.example.org/p.ndjson"));
    const QJsonObject o = f.toJson();
    for (const char *key : {"count", "sha256", "etag", "lastModified", "message", "expires"}) {
        QVERIFY2(!o.contains(QLatin1String(key)), key);
    }
    const QJsonObject fullJson = full().toJson();
    for (const char *key : {"count", "sha256", "etag", "lastModified", "message", "expires"}) {
        QVERIFY2(fullJson.contains(QLatin1String(key)), key);
    }
    // A count of 0 is a count, not "unknown".
    f.count = 0;
    QCOMPARE(throughText(f).count, std::optional<qint64>(0));
}

void TestFileRecord::states_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("final");
    using St = FileRecord::State;
    QTest::newRow("pending") << int(St::Pending) << "pending" << false;
    QTest::newRow("downloading") << int(St::Downloading) << "downloading" << false;
    QTest::newRow("verified") << int(St::Verified) << "verified" << true;
    QTest::newRow("failed") << int(St::Failed) << "failed" << true;
    QTest::newRow("rejected") << int(St::Rejected) << "rejected" << true;
    QTest::newRow("expired") << int(St::Expired) << "expired" << true;
    QTest::newRow("unusable") << int(St::Unusable) << "unusable" << true;
}

void TestFileRecord::states()
{
    QFETCH(int, state);
    QFETCH(QString, name);
    QFETCH(bool, final);
    const auto s = FileRecord::State(state);
    QCOMPARE(FileRecord::stateName(s), name);
    QCOMPARE(FileRecord::stateFromName(name), std::optional<FileRecord::State>(s));
    FileRecord f = full();
    f.state = s;
    QCOMPARE(f.isFinal(), final);
    QCOMPARE(throughText(f).state, s);
}

void TestFileRecord::kinds_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("output") << int(ManifestEntry::Kind::Output);
    QTest::newRow("error") << int(ManifestEntry::Kind::Error);
    QTest::newRow("deleted") << int(ManifestEntry::Kind::Deleted);
}

void TestFileRecord::kinds()
{
    QFETCH(int, kind);
    FileRecord f = full();
    f.kind = ManifestEntry::Kind(kind);
    QCOMPARE(f.toJson().value(QStringLiteral("kind")).toString(), ManifestEntry::kindName(f.kind));
    QCOMPARE(throughText(f).kind, f.kind);
}

void TestFileRecord::fromJsonDefaults()
{
    const FileRecord f = FileRecord::fromJson(QJsonObject{{QStringLiteral("state"), QStringLiteral("frobnicated")},
                                                          {QStringLiteral("kind"), QStringLiteral("weird")}});
    QCOMPARE(f.state, FileRecord::State::Pending); // an unknown state is downloaded again, not trusted
    QCOMPARE(f.kind, ManifestEntry::Kind::Output);
    QCOMPARE(f.index, 0);
    QCOMPARE(f.bytes, 0);
    QCOMPARE(f.count, std::nullopt);
    QVERIFY(f.url.isEmpty());
    QCOMPARE(FileRecord::stateFromName(QStringLiteral("Verified")), std::nullopt);
}

void TestFileRecord::entry()
{
    const FileRecord f = full();
    const ManifestEntry e = f.entry();
    QCOMPARE(e.kind, f.kind);
    QCOMPARE(e.type, f.type);
    QCOMPARE(e.url, f.url);
    QCOMPARE(e.count, f.count);
    QVERIFY(e.problem.isEmpty());
    QCOMPARE(e.expectedResourceType(), QStringLiteral("OperationOutcome"));
}

void TestFileRecord::compactTextSameAsQJsonDocument_data()
{
    QTest::addColumn<FileRecord>("record");
    FileRecord minimal;
    minimal.url = QUrl(QStringLiteral("https://files.example.org/p.ndjson"));
    QTest::newRow("minimal") << minimal;
    QTest::newRow("full") << full();
    FileRecord encoded = full();
    encoded.contentEncoded = true;
    encoded.count = 0;
    encoded.withoutLastUpdated = 3;
    encoded.idsLongerThan64 = 5'000'000'000;
    encoded.expires = QDateTime(QDate(2024, 2, 1), QTime(10, 0, 0), Qt::OffsetFromUTC, -5 * 3600);
    QTest::newRow("optional numbers, offset time") << encoded;
    FileRecord text = full();
    // Every escape QJsonDocument writes, UTF-8 of 2, 3 and 4 bytes, lone surrogates, Latin-1 bytes above 0x7f.
    text.message =
        QStringLiteral("q\"b\\s/\b\f\n\r\t\x01\x1f\x7f é € 😀 ") + QChar(0xd800) + QStringLiteral("x") + QChar(0xdc00);
    text.name = QStringLiteral("Patient.\u00e9\u4e2d.ndjson");
    text.etag = "W/\"\xe9t\xff\"";
    text.lastModified = "tab\there";
    text.outcomeCodes = {{QStringLiteral("error/processing"), 2}, {QStringLiteral("warning/\"x\""), 1}};
    text.firstDiagnostics = {QStringLiteral("first\nline"), QStringLiteral("zweite Zeile ü")};
    QTest::newRow("escapes") << text;
    FileRecord noDiagnostics = full();
    noDiagnostics.outcomeCodes = {{QStringLiteral("information/informational"), 7}};
    QTest::newRow("codes without diagnostics") << noDiagnostics;
}

void TestFileRecord::compactTextSameAsQJsonDocument()
{
    // The journal writes appendJson(); readers parse it with QJsonDocument. Same bytes, so the format is unchanged.
    QFETCH(FileRecord, record);
    QByteArray text = "prefix";
    record.appendJson(text);
    QCOMPARE(text, "prefix" + QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact));
    // The same instant written with another offset right after it is written with that offset.
    if (record.expires.isValid()) {
        record.expires = record.expires.toOffsetFromUtc(record.expires.offsetFromUtc() + 3600);
        text.clear();
        record.appendJson(text);
        QCOMPARE(text, QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact));
    }
}

QTEST_GUILESS_MAIN(TestFileRecord)
#include "tst_filerecord.moc"
