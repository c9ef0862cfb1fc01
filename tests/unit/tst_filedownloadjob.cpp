#include "auth/statictokenauthorizer.h"
#include "cannedhttpserver.h"
#include "export/filedownloadjob.h"
#include "export/directappender.h"
#include "export/sha256.h"
#include "net/curlclient.h"
#include "net/requestfactory.h"
#include "util/clock.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using Outcome = FileResult::Outcome;
using Reply = CannedHttpServer::Reply;

namespace {

const QString kToken = QStringLiteral("token-for-tests-0123456789");

QByteArray patients(int n, int from = 0)
{
    QByteArray out;
    for (int i = from; i < from + n; ++i) {
        out += "{\"resourceType\":\"Patient\",\"id\":\"p" + QByteArray::number(i) +
               "\",\"meta\":{\"lastUpdated\":\"2024-05-01T10:00:00Z\"},\"name\":[{\"family\":\"Name" +
               QByteArray::number(i) + "\"}]}\n";
    }
    return out;
}

int mode(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

} // namespace

class TestFileDownloadJob : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void downloadsVerifiesAndRenames();
    void tokenOnlyWhenAllowed();
    void untrustedCertificateIsFatal();
    void redirectToAnotherOriginDropsToken();
    void gzipIsDecoded();
    void droppedConnectionThenResume();
    void resumeFromCompleteLineOnly();
    void resumeWhenServerIgnoresRange();
    void resumeWhenFileChanged();
    void resumeWithWeakEtagUsesLastModified();
    void resumeOfCompletePart();
    void resumeBeyondEndStartsOver();
    void resumeWithWrongContentRange();
    void corruptPartStartsOver();
    void expired_data();
    void expired();
    void throttledCarriesRetryAfter_data();
    void throttledCarriesRetryAfter();
    void badLineIsRejected();
    void largeFileGoesThroughTheWorker();
    void badLineDeepInALargeFileIsRejected();
    void countMismatchIsRejected();
    void binaryWrapperIsUnwrapped();
    void diskErrorKeepsPart();
    void cancelKeepsPart();

private:
    FileDownloadJob::Params params(const QByteArray &path, std::optional<qint64> count = std::nullopt);
    NetworkContext networkContext() const;
    FileResult run(const FileDownloadJob::Params &p, QList<qint64> *progress = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CannedHttpServer> m_server;
    std::unique_ptr<CannedHttpServer> m_storage; // another origin (a pre-signed storage URL)
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<CurlClient> m_curl;
    std::unique_ptr<StaticTokenAuthorizer> m_auth;
    std::unique_ptr<RequestFactory> m_factory;
    QString m_final;
};

void TestFileDownloadJob::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestFileDownloadJob::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<CannedHttpServer>();
    m_storage = std::make_unique<CannedHttpServer>();
    QVERIFY(m_server->listen());
    QVERIFY(m_storage->listen());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_curl = std::make_unique<CurlClient>();
    m_auth = std::make_unique<StaticTokenAuthorizer>(kToken);
    m_factory = std::make_unique<RequestFactory>(m_server->url(QStringLiteral("/fhir")), VendorProfile::generic());
    m_factory->setAuthorizer(m_auth.get());
    // Folders the job must create itself, 0700.
    m_final = m_dir->path() + QStringLiteral("/export/Group-1/Patient.000001.ndjson");
}

void TestFileDownloadJob::cleanup()
{
    m_factory.reset();
    m_auth.reset();
    m_curl.reset();
    m_nam.reset();
    m_storage.reset();
    m_server.reset();
    m_dir.reset();
}

FileDownloadJob::Params TestFileDownloadJob::params(const QByteArray &path, std::optional<qint64> count)
{
    FileDownloadJob::Params p;
    p.entry.type = QStringLiteral("Patient");
    p.entry.url = m_server->url(QString::fromLatin1(path));
    p.entry.count = count;
    p.finalPath = m_final;
    return p;
}

// The product downloads files over libcurl (ExportJob's CurlClient); tst_filedownloadjob_qt runs the same cases over
// QNetworkAccessManager, which NetworkJob uses when a context has no CurlClient.
NetworkContext TestFileDownloadJob::networkContext() const
{
#ifdef FERRY_FILES_OVER_QNAM
    CurlClient *files = nullptr;
#else
    CurlClient *files = m_curl.get();
#endif
    return NetworkContext{m_nam.get(), m_factory.get(), nullptr, Clock::system(), nullptr, files};
}

FileResult TestFileDownloadJob::run(const FileDownloadJob::Params &p, QList<qint64> *progress)
{
    const NetworkContext context = networkContext();
    FileDownloadJob job(context, p);
    QSignalSpy finished(&job, &FileDownloadJob::finished);
    if (progress) {
        connect(&job, &FileDownloadJob::progress, this,
                [progress](qint64 bytes, qint64, qint64) { progress->append(bytes); });
    }
    job.start();
    if (!finished.wait(20000)) {
        qWarning("the job did not finish");
        return {};
    }
    // Exactly one terminal signal, even if something else happens afterwards.
    QCoreApplication::processEvents();
    if (finished.size() != 1) {
        qWarning("finished() was emitted %d times", int(finished.size()));
        return {};
    }
    return finished.at(0).at(0).value<FileResult>();
}

void TestFileDownloadJob::downloadsVerifiesAndRenames()
{
    const QByteArray body = patients(500);
    m_server->route("/files/1", {Reply{200, {{"Content-Type", "application/fhir+ndjson"}}, body}});
    QList<qint64> progress;
    const FileResult r = run(params("/files/1", 500), &progress);

    QCOMPARE(r.outcome, Outcome::Verified);
    QCOMPARE(readFile(m_final), body);
    QCOMPARE(r.bytes, body.size());
    QCOMPARE(r.lines, 500);
    QCOMPARE(r.sha256, Sha256::hexOf(body));
    QCOMPARE(r.finalPath, m_final);
    QVERIFY(!QFile::exists(PartFile::partPathFor(m_final)));
    QCOMPARE(mode(m_final), 0600);
    QCOMPARE(mode(QFileInfo(m_final).path()), 0700);
    QCOMPARE(mode(m_dir->path() + QStringLiteral("/export")), 0700);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last(), body.size());
    QVERIFY(!r.restartedFromZero);
    QCOMPARE(r.partial.bytes, 0);

    QCOMPARE(m_server->requests().size(), 1);
    const auto &request = m_server->requests().at(0);
    QCOMPARE(request.header("Accept"), QByteArray("application/fhir+ndjson"));
    QCOMPARE(request.header("Authorization"), "Bearer " + kToken.toUtf8());
    QVERIFY(!request.hasHeader("Range"));
}

// A file server whose certificate nobody vouches for (self-signed, made here with the openssl command) is never
// talked to: the transfer fails as Kind::Tls, which is not retried, and nothing is written.
void TestFileDownloadJob::untrustedCertificateIsFatal()
{
    const QString key = m_dir->filePath(QStringLiteral("key.pem"));
    const QString cert = m_dir->filePath(QStringLiteral("cert.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
                   QStringLiteral("-out"), cert, QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    QVERIFY2(openssl.waitForFinished(30000) && openssl.exitCode() == 0, openssl.readAllStandardError().constData());

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QFile keyFile(key);
    QFile certFile(cert);
    QVERIFY(keyFile.open(QIODevice::ReadOnly) && certFile.open(QIODevice::ReadOnly));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
    tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
    QSslServer server;
    server.setSslConfiguration(tls);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int requestsSeen = 0;
    connect(&server, &QSslServer::pendingConnectionAvailable, this, [&server, &requestsSeen] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [&requestsSeen] { ++requestsSeen; });
        }
    });

    FileDownloadJob::Params p = params("/files/1", 3);
    p.entry.url = QUrl(QStringLiteral("https://127.0.0.1:%1/files/1").arg(server.serverPort()));
    const FileResult r = run(p);

    QCOMPARE(r.outcome, Outcome::FatalFailure);
    QVERIFY(r.failure);
    QCOMPARE(r.failure->kind, HttpFailure::Kind::Tls);
    QVERIFY(!r.failure->isRetryable());
    qInfo().noquote() << "refused with:" << r.failure->detail;
    QCOMPARE(requestsSeen, 0);
    QVERIFY(!QFile::exists(m_final));
    QVERIFY(!QFile::exists(PartFile::partPathFor(m_final)));
}

void TestFileDownloadJob::tokenOnlyWhenAllowed()
{
    m_server->route("/files/1", {Reply{200, {}, patients(3)}});
    FileDownloadJob::Params p = params("/files/1", 3);
    p.credentialsAllowed = false; // requiresAccessToken: false
    QCOMPARE(run(p).outcome, Outcome::Verified);
    QVERIFY(!m_server->requests().at(0).hasHeader("Authorization"));
}

void TestFileDownloadJob::redirectToAnotherOriginDropsToken()
{
    const QByteArray body = patients(10);
    const QByteArray target = m_storage->url(QStringLiteral("/bucket/f1?X-Signature=abc")).toEncoded();
    m_server->route("/files/1", {Reply{307, {{"Location", target}}, {}}});
    m_storage->route("/bucket/f1?X-Signature=abc", {Reply{200, {}, body}});
    const FileResult r = run(params("/files/1", 10));

    QCOMPARE(r.outcome, Outcome::Verified);
    QCOMPARE(readFile(m_final), body);
    QVERIFY(m_server->requests().at(0).hasHeader("Authorization"));
    QCOMPARE(m_storage->requests().size(), 1);
    QVERIFY(!m_storage->requests().at(0).hasHeader("Authorization"));
}

void TestFileDownloadJob::gzipIsDecoded()
{
    const QByteArray body = patients(3000); // repetitive: compresses far beyond Qt's default 40× safety ratio
    Reply reply{200, {}, body};
    reply.gzip = true;
    reply.etag = "\"v1-gzip\"";
    m_server->route("/files/1", {reply});
    const FileResult r = run(params("/files/1", 3000));

    QCOMPARE(r.outcome, Outcome::Verified);
    QVERIFY(m_server->requests().at(0).header("Accept-Encoding").contains("gzip"));
    QCOMPARE(readFile(m_final), body);
    QCOMPARE(r.sha256, Sha256::hexOf(body));
    QCOMPARE(r.bytesReceived, body.size()); // counted after decoding
    QVERIFY(r.partial.contentEncoded);
}

void TestFileDownloadJob::droppedConnectionThenResume()
{
    const QByteArray body = patients(2000);
    const qint64 cut = body.size() / 2 + 17; // mid-line
    Reply dropping{200, {}, body};
    dropping.ranges = true;
    dropping.etag = "\"v1\"";
    dropping.dropAfter = cut;
    Reply whole = dropping;
    whole.dropAfter = -1;
    m_server->route("/files/1", {dropping, whole});

    const FileResult first = run(params("/files/1", 2000));
    QCOMPARE(first.outcome, Outcome::RetryableFailure); // never Verified with half the body
    QVERIFY(first.failure);
    QCOMPARE(first.failure->kind, HttpFailure::Kind::Network);
    QCOMPARE(first.partial.bytes, cut);
    QCOMPARE(first.partial.etag, QByteArray("\"v1\""));
    QCOMPARE(readFile(PartFile::partPathFor(m_final)), body.left(cut));
    QCOMPARE(mode(PartFile::partPathFor(m_final)), 0600);
    QVERIFY(!QFile::exists(m_final));

    FileDownloadJob::Params p = params("/files/1", 2000);
    p.previous = first.partial;
    const FileResult second = run(p);
    QCOMPARE(second.outcome, Outcome::Verified);
    QCOMPARE(readFile(m_final), body);
    QCOMPARE(second.sha256, Sha256::hexOf(body));
    QCOMPARE(second.lines, 2000);
    QVERIFY(!second.restartedFromZero);
    QVERIFY(!QFile::exists(PartFile::partPathFor(m_final)));

    const qint64 lineEnd = body.lastIndexOf('\n', cut - 1) + 1;
    // Qt sometimes re-sends the first GET on its own after the drop (and still reports the short body), so the
    // resumed request is the last one, not necessarily the second.
    const auto &resumed = m_server->requests().constLast();
    QCOMPARE(resumed.header("Range"), "bytes=" + QByteArray::number(lineEnd) + '-');
    QCOMPARE(resumed.header("If-Range"), QByteArray("\"v1\""));
    QCOMPARE(resumed.header("Accept-Encoding"), QByteArray("identity"));
    QCOMPARE(second.bytesReceived, body.size() - lineEnd);
}

void TestFileDownloadJob::resumeFromCompleteLineOnly()
{
    // A .part left by a crash: complete lines, then a torn line and a zero-filled tail.
    const QByteArray body = patients(100);
    const qint64 keep = body.indexOf('\n', body.size() / 3) + 1;
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), body.left(keep) + body.mid(keep, 40) + QByteArray(4096, '\0'));
    Reply reply{200, {}, body};
    reply.ranges = true;
    reply.etag = "\"v1\"";
    m_server->route("/files/1", {reply});
    FileDownloadJob::Params p = params("/files/1", 100);
    p.previous.etag = "\"v1\"";
    const FileResult r = run(p);

    QCOMPARE(r.outcome, Outcome::Verified);
    QCOMPARE(m_server->requests().at(0).header("Range"), "bytes=" + QByteArray::number(keep) + '-');
    QCOMPARE(readFile(m_final), body);
    QCOMPARE(r.sha256, Sha256::hexOf(body));
}

void TestFileDownloadJob::resumeWhenServerIgnoresRange()
{
    const QByteArray body = patients(50);
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), body.left(body.indexOf('\n') + 1));
    m_server->route("/files/1", {Reply{200, {}, body}}); // no Range support
    FileDownloadJob::Params p = params("/files/1", 50);
    p.previous.etag = "\"v1\"";
    const FileResult r = run(p);

    QCOMPARE(r.outcome, Outcome::Verified);
    QVERIFY(m_server->requests().at(0).hasHeader("Range"));
    QVERIFY(r.restartedFromZero);
    QVERIFY(r.restartReason.contains(QStringLiteral("whole file again")));
    QCOMPARE(readFile(m_final), body); // not the old line followed by the whole file
    QCOMPARE(r.lines, 50);
}

void TestFileDownloadJob::resumeWhenFileChanged()
{
    const QByteArray old = patients(50);
    const QByteArray now = patients(60, 1000);
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), old.left(old.indexOf('\n', 500) + 1));
    Reply reply{200, {}, now};
    reply.ranges = true;
    reply.etag = "\"v2\"";
    m_server->route("/files/1", {reply});
    FileDownloadJob::Params p = params("/files/1", 60);
    p.previous.etag = "\"v1\"";
    const FileResult r = run(p);

    QCOMPARE(m_server->requests().at(0).header("If-Range"), QByteArray("\"v1\""));
    QCOMPARE(r.outcome, Outcome::Verified);
    QVERIFY(r.restartedFromZero);
    QCOMPARE(readFile(m_final), now);
    QCOMPARE(r.partial.etag, QByteArray("\"v2\""));
}

void TestFileDownloadJob::resumeWithWeakEtagUsesLastModified()
{
    const QByteArray body = patients(20);
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), body.left(body.indexOf('\n') + 1));
    Reply reply{200, {}, body};
    reply.ranges = true;
    reply.lastModified = "Wed, 01 May 2024 10:00:00 GMT";
    m_server->route("/files/1", {reply});
    FileDownloadJob::Params p = params("/files/1", 20);
    p.previous.etag = "W/\"weak\"";
    p.previous.lastModified = reply.lastModified;
    const FileResult r = run(p);

    QCOMPARE(m_server->requests().at(0).header("If-Range"), reply.lastModified);
    QCOMPARE(r.outcome, Outcome::Verified);
    QVERIFY(!r.restartedFromZero);
    QCOMPARE(readFile(m_final), body);
}

void TestFileDownloadJob::resumeOfCompletePart()
{
    const QByteArray body = patients(30);
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), body);
    Reply reply{200, {}, body};
    reply.ranges = true;
    reply.etag = "\"v1\"";
    m_server->route("/files/1", {reply});
    FileDownloadJob::Params p = params("/files/1", 30);
    p.previous = {body.size(), "\"v1\"", {}, false};
    const FileResult r = run(p);

    QCOMPARE(m_server->requests().at(0).header("Range"), "bytes=" + QByteArray::number(body.size()) + '-');
    QCOMPARE(r.outcome, Outcome::Verified); // 416 bytes */N: already complete
    QCOMPARE(readFile(m_final), body);
    QCOMPARE(r.sha256, Sha256::hexOf(body));
    QCOMPARE(r.lines, 30);
}

void TestFileDownloadJob::resumeBeyondEndStartsOver()
{
    const QByteArray body = patients(10);
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), patients(40));
    Reply reply{200, {}, body};
    reply.ranges = true;
    m_server->route("/files/1", {reply});
    const FileResult r = run(params("/files/1", 10));

    QCOMPARE(r.outcome, Outcome::RetryableFailure);
    QCOMPARE(r.failure->status, 416);
    QCOMPARE(r.partial.bytes, 0);
    QVERIFY(!QFile::exists(PartFile::partPathFor(m_final)));
    QCOMPARE(run(params("/files/1", 10)).outcome, Outcome::Verified); // the next attempt starts from scratch
    QVERIFY(!m_server->requests().at(1).hasHeader("Range"));
}

void TestFileDownloadJob::resumeWithWrongContentRange()
{
    const QByteArray body = patients(10);
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), body.left(body.indexOf('\n') + 1));
    m_server->route("/files/1", {Reply{206, {{"Content-Range", "bytes 0-99/5000"}}, body.left(100)}});
    const FileResult r = run(params("/files/1", 10));

    QCOMPARE(r.outcome, Outcome::RetryableFailure);
    QCOMPARE(r.failure->kind, HttpFailure::Kind::Protocol);
    QVERIFY2(r.failure->detail.contains(QStringLiteral("bytes 0-99/5000")), qPrintable(r.failure->detail));
    QCOMPARE(r.partial.bytes, 0);
    QVERIFY(!QFile::exists(PartFile::partPathFor(m_final)));
    QVERIFY(!QFile::exists(m_final));
}

void TestFileDownloadJob::corruptPartStartsOver()
{
    const QByteArray body = patients(10);
    QVERIFY(QDir().mkpath(QFileInfo(m_final).path()));
    writeFile(PartFile::partPathFor(m_final), body.left(body.indexOf('\n') + 1) + "garbage\n");
    Reply reply{200, {}, body};
    reply.ranges = true;
    m_server->route("/files/1", {reply});
    const FileResult r = run(params("/files/1", 10));

    QCOMPARE(r.outcome, Outcome::Verified);
    QVERIFY(r.restartedFromZero);
    QVERIFY2(r.restartReason.contains(QStringLiteral("line 2")), qPrintable(r.restartReason));
    QVERIFY(!m_server->requests().at(0).hasHeader("Range"));
    QCOMPARE(readFile(m_final), body);
}

void TestFileDownloadJob::expired_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("404") << 404;
    QTest::newRow("410") << 410;
}

void TestFileDownloadJob::expired()
{
    QFETCH(int, status);
    m_server->route("/files/1", {Reply{status, {{"Content-Type", "application/fhir+json"}}, "{}"}});
    const FileResult r = run(params("/files/1"));
    QCOMPARE(r.outcome, Outcome::Expired);
    QCOMPARE(r.failure->status, status);
    QVERIFY(!QFile::exists(PartFile::partPathFor(m_final)));
    QVERIFY(!QFile::exists(m_final));
}

void TestFileDownloadJob::throttledCarriesRetryAfter_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("429") << 429;
    QTest::newRow("503") << 503;
}

void TestFileDownloadJob::throttledCarriesRetryAfter()
{
    QFETCH(int, status);
    m_server->route("/files/1", {Reply{status, {{"Retry-After", "7"}}, "slow down"}});
    const FileResult r = run(params("/files/1"));
    QCOMPARE(r.outcome, Outcome::RetryableFailure);
    QVERIFY(r.failure->isThrottle());
    QVERIFY(r.retryAfter);
    QCOMPARE(r.retryAfter->delay, std::chrono::milliseconds(7000));
}

void TestFileDownloadJob::badLineIsRejected()
{
    QByteArray body = patients(3);
    body += "{\"resourceType\":\"Observation\",\"id\":\"o1\"}\n";
    body += patients(400, 3);
    m_server->route("/files/1", {Reply{200, {}, body}});
    const FileResult r = run(params("/files/1", 403));

    QCOMPARE(r.outcome, Outcome::VerificationFailed);
    QVERIFY(r.verificationError);
    QCOMPARE(r.verificationError->line, 4);
    QCOMPARE(r.verificationError->message(), QStringLiteral("line 4: resourceType is Observation, expected Patient"));
    QVERIFY(!QFile::exists(m_final));
    QVERIFY(!QFile::exists(PartFile::partPathFor(m_final)));
    QCOMPARE(r.rejectedPath, PartFile::rejectedPathFor(m_final));
    QVERIFY(r.rejectedPath.contains(QStringLiteral("/rejected/")));
    const QByteArray kept = readFile(r.rejectedPath);
    QVERIFY(body.startsWith(kept));
    QVERIFY(kept.contains("Observation")); // the offending line is kept for inspection
    QCOMPARE(mode(QFileInfo(r.rejectedPath).path()), 0700);
    QCOMPARE(mode(r.rejectedPath), 0600);
    QCOMPARE(r.partial.bytes, 0);
}

// Several batches (FileDownloadJob::kBatch), so writing, hashing and verifying run on the worker thread, and
// large enough for PartFile to append with O_DIRECT where the file system allows it.
void TestFileDownloadJob::largeFileGoesThroughTheWorker()
{
    const QByteArray body = patients(150000); // 16 MB: past DirectAppender::kThreshold, several of its blocks
    QVERIFY(body.size() > 2 * DirectAppender::kStaging + DirectAppender::kThreshold);
    m_server->route("/files/1", {Reply{200, {}, body}});
    QList<qint64> progress;
    const FileResult r = run(params("/files/1", 150000), &progress);

    QCOMPARE(r.outcome, Outcome::Verified);
    QCOMPARE(r.lines, 150000);
    QCOMPARE(r.bytes, body.size());
    QCOMPARE(r.sha256, Sha256::hexOf(body));
    QCOMPARE(readFile(m_final), body);
    QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));
    QCOMPARE(progress.last(), body.size());
}

void TestFileDownloadJob::badLineDeepInALargeFileIsRejected()
{
    QByteArray body = patients(20000);
    body += "{\"resourceType\":\"Observation\",\"id\":\"o1\"}\n";
    body += patients(20000, 20000);
    QVERIFY(body.indexOf("Observation") > 2 * FileDownloadJob::kBatch);
    m_server->route("/files/1", {Reply{200, {}, body}});
    const FileResult r = run(params("/files/1", 40001));

    QCOMPARE(r.outcome, Outcome::VerificationFailed);
    QVERIFY(r.verificationError);
    QCOMPARE(r.verificationError->line, 20001);
    QVERIFY(!QFile::exists(m_final));
    const QByteArray kept = readFile(r.rejectedPath);
    QVERIFY(body.startsWith(kept));
    QVERIFY(kept.contains("Observation"));
}

void TestFileDownloadJob::countMismatchIsRejected()
{
    const QByteArray body = patients(998);
    m_server->route("/files/1", {Reply{200, {}, body}});
    const FileResult r = run(params("/files/1", 1000));
    QCOMPARE(r.outcome, Outcome::VerificationFailed);
    QCOMPARE(r.verificationError->message(), QStringLiteral("the file has 998 resources but the manifest says 1,000"));
    QCOMPARE(readFile(r.rejectedPath), body);
    QVERIFY(!QFile::exists(m_final));
}

void TestFileDownloadJob::binaryWrapperIsUnwrapped()
{
    const QByteArray ndjson = patients(700);
    const QByteArray wrapper = "{\"resourceType\":\"Binary\",\"id\":\"b1\",\"meta\":{\"versionId\":\"1\"},"
                               "\"contentType\":\"application/fhir+ndjson\",\"data\":\"" +
                               ndjson.toBase64() + "\"}";
    m_server->route("/fhir/Binary/b1",
                    {Reply{200, {{"Content-Type", "application/fhir+json;charset=utf-8"}}, wrapper}});
    const FileResult r = run(params("/fhir/Binary/b1", 700));

    QCOMPARE(r.outcome, Outcome::Verified);
    QVERIFY(r.unwrappedBinary);
    QCOMPARE(readFile(m_final), ndjson);
    QCOMPARE(r.sha256, Sha256::hexOf(ndjson));
    QCOMPARE(r.lines, 700);
    QCOMPARE(r.bytesReceived, wrapper.size());
}

void TestFileDownloadJob::diskErrorKeepsPart()
{
    // RLIMIT_FSIZE makes writes past 64 KiB fail (EFBIG) like a full disk would, without needing one.
    const QByteArray body = patients(5000);
    m_server->route("/files/1", {Reply{200, {}, body}});
    struct rlimit old = {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit small = old;
    small.rlim_cur = 64 * 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const FileResult r = run(params("/files/1", 5000));
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previousHandler);

    QCOMPARE(r.outcome, Outcome::FatalFailure);
    QCOMPARE(r.failure->kind, HttpFailure::Kind::Local);
    QVERIFY2(r.failure->detail.contains(QStringLiteral("Cannot write")), qPrintable(r.failure->detail));
    QVERIFY2(r.failure->detail.contains(QStringLiteral(".part")), qPrintable(r.failure->detail));
    QVERIFY(r.partial.bytes > 0);
    QCOMPARE(readFile(PartFile::partPathFor(m_final)), body.left(r.partial.bytes));
    QVERIFY(!QFile::exists(m_final));
}

void TestFileDownloadJob::cancelKeepsPart()
{
    const QByteArray body = patients(2000);
    Reply stalling{200, {}, body};
    stalling.stallAfter = 100000;
    m_server->route("/files/1", {stalling});
    const NetworkContext context = networkContext();
    FileDownloadJob job(context, params("/files/1", 2000));
    QSignalSpy finished(&job, &FileDownloadJob::finished);
    qint64 written = 0;
    connect(&job, &FileDownloadJob::progress, this, [&written](qint64 bytes, qint64, qint64) { written = bytes; });
    job.start();
    QTRY_COMPARE_WITH_TIMEOUT(written, 100000, 20000);
    QVERIFY(finished.isEmpty());
    job.abort();
    QTRY_COMPARE(finished.size(), 1);
    const FileResult r = finished.at(0).at(0).value<FileResult>();
    QCOMPARE(r.outcome, Outcome::Cancelled);
    QCOMPARE(r.partial.bytes, 100000);
    QCOMPARE(readFile(PartFile::partPathFor(m_final)), body.left(100000));
}

QTEST_GUILESS_MAIN(TestFileDownloadJob)
#include "tst_filedownloadjob.moc"
