// Throughput of the download pipeline's CPU work: NDJSON verification (simdjson, line by line), SHA-256 (OpenSSL),
// both together as FileDownloadJob does per chunk, and Binary-wrapper decoding. Not a test: it prints numbers.
//
//   bench_verify [megabytes=512]
//
// Data is generated (deterministic FHIR-shaped resources) and fed in 256 KiB chunks, the size NetworkJob reads,
// each first copied into one reused buffer as QNetworkReply::read() does.

#include "export/binaryunwrapper.h"
#include "export/ndjsonverifier.h"
#include "export/sha256.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <cstring>
#include <functional>
#include <limits>

namespace {

constexpr qsizetype kChunk = 256 * 1024;

// One Observation of roughly `size` bytes: real structure (nested objects, arrays, numbers, escapes, UTF-8) plus
// a narrative of filler text, the way real servers pad resources with text.div.
QByteArray observation(int i, qsizetype size)
{
    QByteArray r =
        "{\"resourceType\":\"Observation\",\"id\":\"obs-" + QByteArray::number(i) +
        "\",\"meta\":{\"versionId\":\"3\",\"lastUpdated\":\"2024-05-01T10:00:00.000Z\"},\"status\":\"final\","
        "\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\","
        "\"code\":\"vital-signs\",\"display\":\"Vital Signs\"}]}],\"code\":{\"coding\":[{\"system\":"
        "\"http://loinc.org\",\"code\":\"8867-4\",\"display\":\"Heart rate\"}],\"text\":\"Heart rate\"},"
        "\"subject\":{\"reference\":\"Patient/pat-" +
        QByteArray::number(i % 977) +
        "\"},\"effectiveDateTime\":\"2024-04-30T08:15:00+02:00\",\"valueQuantity\":{\"value\":" +
        QByteArray::number(60 + i % 40) +
        ".5,\"unit\":\"beats/minute\",\"system\":\"http://unitsofmeasure.org\","
        "\"code\":\"/min\"},\"note\":[{\"text\":\"Patient \\\"calm\\\", Zoë – résumé ✓\"}]";
    r += ",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">";
    static const QByteArray filler = "Measured at rest, seated, after five minutes. ";
    while (r.size() < size - 10) {
        r += filler;
    }
    r += "</div>\"}}\n";
    return r;
}

QByteArray ndjson(qsizetype totalBytes, qsizetype resourceSize, qint64 *lines)
{
    QByteArray out;
    out.reserve(totalBytes + resourceSize);
    int i = 0;
    while (out.size() < totalBytes) {
        out += observation(i++, resourceSize);
    }
    *lines = i;
    return out;
}

double mbPerSecond(qint64 bytes, qint64 ns)
{
    return double(bytes) / (1024.0 * 1024.0) / (double(ns) / 1e9);
}

// Best of three runs, to keep one-off page faults and frequency ramps out of the number.
double measure(qint64 bytes, const std::function<bool()> &work)
{
    qint64 best = std::numeric_limits<qint64>::max();
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer t;
        t.start();
        if (!work()) {
            qFatal("benchmark input failed verification");
        }
        best = std::min(best, t.nsecsElapsed());
    }
    return mbPerSecond(bytes, best);
}

bool verifyChunks(const QByteArray &data, qint64 lines, bool hash, bool verify)
{
    NdjsonVerifier::Options options;
    options.expectedType = QStringLiteral("Observation");
    options.expectedCount = lines;
    NdjsonVerifier verifier(options);
    Sha256 sha;
    static QByteArray buffer(kChunk, Qt::Uninitialized);
    for (qsizetype at = 0; at < data.size(); at += kChunk) {
        // As in NetworkJob: QNetworkReply::read() copies each chunk into one reused buffer, and hash and verifier
        // then work on it while it is in cache. The copy is part of the measured time.
        const qsizetype n = std::min(kChunk, data.size() - at);
        std::memcpy(buffer.data(), data.constData() + at, size_t(n));
        const QByteArrayView chunk(buffer.constData(), n);
        if (hash) {
            sha.addData(chunk);
        }
        if (verify && !verifier.feed(chunk)) {
            return false;
        }
    }
    return (!verify || verifier.finish()) && (!hash || sha.hexResult().size() == 64);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qsizetype megabytes = argc > 1 ? QByteArray(argv[1]).toLongLong() : 512;
    const qsizetype total = megabytes * 1024 * 1024;
    QTextStream out(stdout);
    out << "bench_verify: " << megabytes << " MiB per case, 256 KiB chunks, best of 3\n";
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("case"), -34)
               .arg(QStringLiteral("verify"), 10)
               .arg(QStringLiteral("sha256"), 10)
               .arg(QStringLiteral("both"), 10)
               .arg(QStringLiteral("lines/s"), 12);

    for (const qsizetype resourceSize :
         {qsizetype(600), qsizetype(2048), qsizetype(16 * 1024), qsizetype(256 * 1024)}) {
        qint64 lines = 0;
        const QByteArray data = ndjson(total, resourceSize, &lines);
        const double v = measure(data.size(), [&] { return verifyChunks(data, lines, false, true); });
        const double h = measure(data.size(), [&] { return verifyChunks(data, lines, true, false); });
        const double b = measure(data.size(), [&] { return verifyChunks(data, lines, true, true); });
        const double linesPerSecond = b * 1024 * 1024 / double(data.size()) * double(lines);
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(QStringLiteral("one file, %1 B resources").arg(resourceSize), -34)
                   .arg(QStringLiteral("%1 MB/s").arg(v, 0, 'f', 0), 10)
                   .arg(QStringLiteral("%1 MB/s").arg(h, 0, 'f', 0), 10)
                   .arg(QStringLiteral("%1 MB/s").arg(b, 0, 'f', 0), 10)
                   .arg(linesPerSecond, 12, 'f', 0);
        out.flush();
    }

    {
        // Thousands of small files (Oracle Health's 20,000-file exports): a fresh verifier and hash per file.
        QByteArray hundred;
        for (int i = 0; i < 100; ++i) {
            hundred += observation(i, 1024);
        }
        const int files = int(std::max<qsizetype>(1, total / hundred.size()));
        auto runFiles = [&](bool hash, bool verify) {
            for (int f = 0; f < files; ++f) {
                if (!verifyChunks(hundred, 100, hash, verify)) {
                    return false;
                }
            }
            return true;
        };
        const qint64 bytes = qint64(files) * hundred.size();
        const double v = measure(bytes, [&] { return runFiles(false, true); });
        const double h = measure(bytes, [&] { return runFiles(true, false); });
        const double b = measure(bytes, [&] { return runFiles(true, true); });
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(QStringLiteral("%1 files of 100 x 1 KiB").arg(files), -34)
                   .arg(QStringLiteral("%1 MB/s").arg(v, 0, 'f', 0), 10)
                   .arg(QStringLiteral("%1 MB/s").arg(h, 0, 'f', 0), 10)
                   .arg(QStringLiteral("%1 MB/s").arg(b, 0, 'f', 0), 10)
                   .arg(b * 1024 * 1024 / double(hundred.size()) * 100, 12, 'f', 0);
    }

    {
        // HAPI's Binary wrapper: base64 decoding on top of the rest.
        qint64 lines = 0;
        const QByteArray data = ndjson(total * 3 / 4, 2048, &lines);
        const QByteArray wrapper =
            "{\"resourceType\":\"Binary\",\"contentType\":\"application/fhir+ndjson\",\"data\":\"" + data.toBase64() +
            "\"}";
        const double d = measure(wrapper.size(), [&] {
            BinaryUnwrapper u;
            QByteArray decoded;
            for (qsizetype at = 0; at < wrapper.size(); at += kChunk) {
                decoded.resize(0);
                if (!u.feed(QByteArrayView(wrapper).sliced(at, std::min(kChunk, wrapper.size() - at)), decoded)) {
                    return false;
                }
            }
            return u.finish();
        });
        out << QStringLiteral("%1 %2\n")
                   .arg(QStringLiteral("Binary wrapper base64 decode"), -34)
                   .arg(QStringLiteral("%1 MB/s of wrapper").arg(d, 0, 'f', 0));
    }
    return 0;
}
