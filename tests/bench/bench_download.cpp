// End-to-end throughput and memory of FileDownloadJob over loopback: a generated NDJSON file served by a plain
// QTcpServer on its own thread, downloaded, verified, hashed and renamed. Not a test: it prints numbers.
//
//   bench_download <megabytes> [--gzip] [--slow]
//
// Peak RSS (getrusage) is the point: run it with 64 and with 1024 MB and compare; the download must not grow
// with the file. --slow stalls the consumer's thread 20 ms in every 25 ms so the network outruns it (checks that
// the bounded read buffer gives back-pressure instead of buffering). --gzip serves Content-Encoding: gzip.

#include "auth/noauthorizer.h"
#include "export/filedownloadjob.h"
#include "net/curlclient.h"
#include "net/requestfactory.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <zlib.h>

namespace {

QByteArray block()
{
    // 1 MiB of whole Observation lines (the last one padded to end exactly at the block's end).
    QByteArray out;
    int i = 0;
    const QByteArray tail = "\"}}\n";
    while (out.size() < 1024 * 1024 - 1200) {
        ++i;
        out += "{\"resourceType\":\"Observation\",\"id\":\"o" + QByteArray::number(i) +
               "\",\"meta\":{\"lastUpdated\":\"2024-05-01T10:00:00Z\"},\"status\":\"final\",\"code\":{\"coding\":[{"
               "\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},\"valueQuantity\":{\"value\":72,\"unit\":"
               "\"/min\"},\"text\":{\"div\":\"" +
               QByteArray(400 + i % 300, 'x') + tail;
    }
    const QByteArray head = "{\"resourceType\":\"Observation\",\"id\":\"last\",\"text\":{\"div\":\"";
    out += head + QByteArray(1024 * 1024 - out.size() - head.size() - tail.size(), 'y') + tail;
    return out;
}

qint64 linesIn(const QByteArray &data)
{
    return data.count('\n');
}

QByteArray gzipRepeated(const QByteArray &data, int times)
{
    z_stream z{};
    deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out;
    QByteArray buffer(1024 * 1024, Qt::Uninitialized);
    for (int i = 0; i < times; ++i) {
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
        z.avail_in = static_cast<uInt>(data.size());
        const int flush = i + 1 == times ? Z_FINISH : Z_NO_FLUSH;
        do {
            z.next_out = reinterpret_cast<Bytef *>(buffer.data());
            z.avail_out = static_cast<uInt>(buffer.size());
            deflate(&z, flush);
            out.append(buffer.constData(), buffer.size() - z.avail_out);
        } while (z.avail_out == 0 || (flush == Z_FINISH && z.avail_in > 0));
    }
    deflateEnd(&z);
    return out;
}

// Serves `repeat` copies of `unit` (or one precomputed gzip body), writing only as the socket drains.
class Server : public QObject
{
public:
    Server(QByteArray unit, int repeat, QByteArray gzipBody)
        : m_unit(std::move(unit))
        , m_repeat(repeat)
        , m_gzip(std::move(gzipBody))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = m_server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [this, s] {
                if (!s->readAll().contains("\r\n\r\n") || s->property("sent").isValid()) {
                    return;
                }
                const qint64 length = m_gzip.isEmpty() ? qint64(m_unit.size()) * m_repeat : m_gzip.size();
                s->write("HTTP/1.1 200 OK\r\nContent-Type: application/fhir+ndjson\r\nContent-Length: " +
                         QByteArray::number(length) + (m_gzip.isEmpty() ? "" : "\r\nContent-Encoding: gzip") +
                         "\r\nConnection: close\r\n\r\n");
                s->setProperty("sent", 0);
                pump(s);
            });
            connect(s, &QTcpSocket::bytesWritten, s, [this, s] { pump(s); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        });
    }
    quint16 listen()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        return m_server.serverPort();
    }

private:
    void pump(QTcpSocket *s)
    {
        int sent = s->property("sent").toInt();
        if (!m_gzip.isEmpty()) {
            if (sent == 0) {
                s->write(m_gzip);
                s->setProperty("sent", 1);
                s->disconnectFromHost();
            }
            return;
        }
        while (s->bytesToWrite() < 4 * 1024 * 1024 && sent < m_repeat) {
            s->write(m_unit);
            ++sent;
        }
        s->setProperty("sent", sent);
        if (sent == m_repeat && s->bytesToWrite() == 0) {
            s->disconnectFromHost();
        }
    }

    QTcpServer m_server{this}; // a child, so moveToThread() takes it along
    QByteArray m_unit;
    int m_repeat;
    QByteArray m_gzip;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int megabytes = args.value(1).toInt() > 0 ? args.value(1).toInt() : 256;
    const bool gzip = args.contains(QStringLiteral("--gzip"));
    const bool slow = args.contains(QStringLiteral("--slow"));
    QTextStream out(stdout);

    const QByteArray unit = block();
    const QByteArray gzipBody = gzip ? gzipRepeated(unit, megabytes) : QByteArray();

    QThread serverThread;
    serverThread.start();
    Server *server = new Server(unit, megabytes, gzipBody);
    server->moveToThread(&serverThread);
    quint16 port = 0;
    QMetaObject::invokeMethod(
        server, [&] { port = server->listen(); }, Qt::BlockingQueuedConnection);

    struct rusage before = {};
    getrusage(RUSAGE_SELF, &before);

    const QUrl base(QStringLiteral("http://127.0.0.1:%1/fhir").arg(port));
    QNetworkAccessManager nam;
    NoAuthorizer auth;
    RequestFactory factory(base, VendorProfile::generic());
    factory.setAuthorizer(&auth);
    CurlClient curl; // what ExportJob downloads files with
    NetworkContext context{&nam, &factory, nullptr, Clock::system(), nullptr, &curl};
    QTemporaryDir dir;
    FileDownloadJob::Params params;
    params.entry.type = QStringLiteral("Observation");
    params.entry.url = QUrl(QStringLiteral("http://127.0.0.1:%1/files/big").arg(port));
    params.entry.count = linesIn(unit) * megabytes;
    params.finalPath = dir.path() + QStringLiteral("/Observation.000001.ndjson");

    FileDownloadJob job(context, params);
    QElapsedTimer timer;
    FileResult result;
    QObject::connect(&job, &FileDownloadJob::finished, &app, [&](const FileResult &r) {
        result = r;
        app.quit();
    });
    QTimer stall;
    if (slow) {
        QObject::connect(&stall, &QTimer::timeout, &app, [] { QThread::msleep(20); });
        stall.start(25);
    }
    timer.start();
    job.start();
    app.exec();
    const qint64 ns = timer.nsecsElapsed();

    struct rusage after = {};
    getrusage(RUSAGE_SELF, &after);
    serverThread.quit();
    serverThread.wait();
    delete server;

    out << "bench_download: " << megabytes << " MiB" << (gzip ? " gzip" : "") << (slow ? " slow consumer" : "")
        << " -> " << FileResult::outcomeName(result.outcome) << ", " << result.lines << " lines, " << result.bytes
        << " bytes\n";
    if (!result.isVerified()) {
        out << "  failed: " << (result.failure ? result.failure->detail : result.verificationError->message()) << "\n";
        return 1;
    }
    out << QStringLiteral("  %1 MB/s end to end (loopback, server in-process on another thread)\n")
               .arg(double(result.bytes) / 1048576.0 / (double(ns) / 1e9), 0, 'f', 0);
    out << "  peak RSS " << after.ru_maxrss / 1024 << " MiB (before the download: " << before.ru_maxrss / 1024
        << " MiB, which includes the generated test data)\n";
    return 0;
}
