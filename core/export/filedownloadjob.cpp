#include "export/filedownloadjob.h"

#include "export/contentrange.h"
#include "util/logging.h"
#include "util/redactor.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

namespace {

QByteArray mediaType(const QByteArray &contentType)
{
    return contentType.split(';').constFirst().trimmed().toLower();
}

bool isJsonMedia(const QByteArray &media)
{
    return media == "application/fhir+json" || media == "application/json" || media == "application/json+fhir";
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

// The workers that write, hash and verify. Twice the cores: a worker blocked in a direct write to the disk must not
// keep another file's hashing from a free core.
QThreadPool *workers()
{
    static QThreadPool *const pool = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(std::max(4, 2 * QThread::idealThreadCount()));
        return p;
    }();
    return pool;
}

} // namespace

FileDownloadJob::FileDownloadJob(const NetworkContext &context, const Params &params, QObject *parent)
    : NetworkJob(context, RequestRole::File, tr("file download"), parent)
    , m_params(params)
    , m_part(params.finalPath)
    , m_verifier(NdjsonVerifier::Options{params.entry.expectedResourceType(), params.entry.count,
                                         params.organizedOutput, params.maxLineLength})
    , m_pipeline(
          workers(), kMaxQueued, [this](QByteArrayView bytes) { return process(bytes); },
          [this] {
              QMetaObject::invokeMethod(
                  this, [this] { setPaused(false); }, Qt::QueuedConnection);
          })
{
    setRequest(QByteArrayLiteral("GET"), params.entry.url);
    setCredentialsAllowed(params.credentialsAllowed);
    setStreaming(kReadBufferSize);
}

FileDownloadJob::~FileDownloadJob() = default;

void FileDownloadJob::prepare()
{
    // Never finish inside start(): the caller may not have connected finished() yet.
    QTimer::singleShot(0, this, &FileDownloadJob::openPart);
}

void FileDownloadJob::openPart()
{
    if (!isActive()) {
        return;
    }
    if (!m_params.entry.problem.isEmpty() || !m_params.entry.url.isValid()) {
        stop(Stop::Unusable,
             m_params.entry.problem.isEmpty() ? tr("the manifest gives no usable address") : m_params.entry.problem);
        return;
    }
    QString error;
    if (!m_part.open(&error)) {
        stop(Stop::Disk, error);
        return;
    }
    const qint64 size = m_part.size();
    if (size == 0) {
        beginFromZero();
        return;
    }
    if (size != m_params.previous.bytes) {
        qCInfo(lcDownload).noquote() << QDir::toNativeSeparators(m_part.partPath()) << "holds" << size
                                     << "bytes; the last attempt reported" << m_params.previous.bytes;
    }
    const qint64 keep = m_part.lastLineEnd(&error);
    if (keep < 0 || !m_part.truncate(keep, &error) || !m_part.rescan(&error)) {
        stop(Stop::Disk, error);
        return;
    }
    if (keep < size) {
        qCInfo(lcDownload).noquote() << "dropping the incomplete last line (" << size - keep << "bytes ) of"
                                     << QDir::toNativeSeparators(m_part.partPath());
    }
    if (keep == 0) {
        beginFromZero();
        return;
    }
    rescanSlice();
}

void FileDownloadJob::rescanSlice()
{
    if (!isActive()) {
        return;
    }
    QString error;
    if (!m_part.readNext(m_scratch, kRescanSlice, &error)) {
        stop(Stop::Disk, error);
        return;
    }
    if (m_scratch.isEmpty()) {
        m_scratch.clear(); // release the slice buffer
        beginResume();
        return;
    }
    if (!m_verifier.feed(m_scratch)) {
        m_restarted = true;
        m_restartReason =
            tr("the partial file from an earlier attempt did not verify (%1)").arg(m_verifier.error()->message());
        qCWarning(lcDownload).noquote() << QDir::toNativeSeparators(m_part.partPath()) << ":" << m_restartReason
                                        << "- fetching the file again from the start";
        m_scratch.clear();
        beginFromZero();
        return;
    }
    QTimer::singleShot(0, this, &FileDownloadJob::rescanSlice);
}

void FileDownloadJob::beginFromZero()
{
    // A fresh .part is empty already. Truncating it anyway is not free: ext4 then treats the file as "replaced by
    // truncate" (auto_da_alloc) and starts its write-back synchronously when it is closed, once per file.
    QString error;
    if (m_part.size() > 0 && !m_part.truncate(0, &error)) {
        stop(Stop::Disk, error);
        return;
    }
    m_verifier.reset();
    m_resumeFrom = 0;
    removeHeader("Range");
    removeHeader("If-Range");
    removeHeader("Accept-Encoding");
    proceed();
}

void FileDownloadJob::beginResume()
{
    m_resumeFrom = m_verifier.bytesFed();
    Q_ASSERT(m_resumeFrom == m_part.size());
    setHeader("Range", "bytes=" + QByteArray::number(m_resumeFrom) + '-');
    setHeader("Accept-Encoding", "identity");

    const QByteArray validator = m_params.previous.ifRangeValidator();
    if (validator.isEmpty()) {
        // Output files of an export do not change once the manifest is out, so resuming without a validator is
        // worth it for a multi-GB file; a splice of two versions would most likely tear the line at the seam or
        // break the count, both of which verification reports.
        qCInfo(lcDownload).noquote() << "resuming" << Redactor::url(url()) << "without a validator (no ETag or"
                                     << "Last-Modified from the earlier attempt)";
        removeHeader("If-Range");
    } else {
        setHeader("If-Range", validator);
    }
    qCInfo(lcDownload).noquote() << "resuming" << QDir::toNativeSeparators(m_params.finalPath) << "at byte"
                                 << m_resumeFrom;
    proceed();
}

void FileDownloadJob::responseStarted(const HttpResponse &head)
{
    m_gotResponse = true;
    m_etag = head.header("ETag");
    m_lastModified = head.header("Last-Modified");
    const QByteArray encoding = head.header("Content-Encoding").trimmed().toLower();
    m_contentEncoded = !encoding.isEmpty() && encoding != "identity";
    bool ok = false;
    qint64 length = head.header("Content-Length").trimmed().toLongLong(&ok);
    if (!ok || length < 0) {
        length = -1;
    }

    if (m_resumeFrom > 0) {
        if (!handleResumeAnswer(head)) {
            return;
        }
    } else if (head.status == 206) {
        const ContentRange r = ContentRange::parse(head.header("Content-Range"));
        if (!r.valid || r.first != 0 || (r.complete >= 0 && r.last + 1 != r.complete)) {
            stop(Stop::CannotResume, tr("the server sent part of the file (HTTP 206) without being asked"));
            return;
        }
    }
    // A compressed length says nothing about the decoded bytes. (NetworkJob fails a body shorter than its
    // Content-Length, so a torn transfer is never blamed on the server's content.)
    m_progressTotal = !m_contentEncoded && length >= 0 ? m_resumeFrom + length : -1;
    m_stored = m_resumeFrom;
    m_resources.store(m_verifier.facts().resources, std::memory_order_relaxed);
    if (m_resumeFrom == 0) {
        // A Binary wrapper is told apart from NDJSON of Binary resources by its JSON media type; for any other
        // expected type its first line would be wrong anyway, so the first bytes decide.
        const QString expected = m_verifier.options().expectedType;
        m_sniffing = isJsonMedia(mediaType(head.header("Content-Type"))) ||
                     (!expected.isEmpty() && expected != QLatin1String("Binary"));
    }
}

bool FileDownloadJob::handleResumeAnswer(const HttpResponse &head)
{
    if (m_contentEncoded) {
        // We set Accept-Encoding ourselves, so Qt did not decode: these bytes are compressed.
        return stop(Stop::CannotResume,
                    tr("the server compressed the rest of the file although Ferry asked for it uncompressed"));
    }
    if (head.status == 206) {
        const ContentRange r = ContentRange::parse(head.header("Content-Range"));
        if (!r.valid || r.first != m_resumeFrom) {
            return stop(Stop::CannotResume,
                        tr("asked for the file from byte %1, the server sent \"%2\"")
                            .arg(number(m_resumeFrom), QString::fromLatin1(head.header("Content-Range").left(80))));
        }
        if (isJsonMedia(mediaType(head.header("Content-Type")))) {
            return stop(Stop::CannotResume, tr("the rest of the file came as %1, not NDJSON (a FHIR Binary wrapper "
                                               "cannot be resumed)")
                                                .arg(QString::fromLatin1(mediaType(head.header("Content-Type")))));
        }
        return true;
    }
    m_restarted = true;
    m_restartReason = tr("the server sent the whole file again (HTTP %1): it ignored the range request, or the "
                         "file changed since the earlier attempt")
                          .arg(head.status);
    qCInfo(lcDownload).noquote() << QDir::toNativeSeparators(m_params.finalPath) << ":" << m_restartReason
                                 << "- starting again from byte 0";
    QString error;
    if (!m_part.truncate(0, &error)) {
        return stop(Stop::Disk, error);
    }
    m_verifier.reset();
    m_resumeFrom = 0;
    return true;
}

void FileDownloadJob::bodyChunk(QByteArrayView chunk)
{
    if (m_stop != Stop::None) {
        return;
    }
    m_received += chunk.size();
    if (m_sniffing) {
        m_sniffed.append(chunk.data(), chunk.size());
        if (BinaryUnwrapper::sniff(m_sniffed) == BinaryUnwrapper::Sniff::NeedMore) {
            return;
        }
        flushSniffed();
        return;
    }
    consume(chunk);
}

bool FileDownloadJob::flushSniffed()
{
    m_sniffing = false;
    if (BinaryUnwrapper::sniff(m_sniffed) == BinaryUnwrapper::Sniff::Wrapper) {
        m_unwrapping = true;
        qCInfo(lcVendor).noquote() << Redactor::url(url())
                                   << "answered with a FHIR Binary resource wrapping the NDJSON instead of the "
                                      "NDJSON itself (as HAPI FHIR may); decoding its base64 data";
    }
    const QByteArray bytes = std::exchange(m_sniffed, {});
    return consume(bytes);
}

bool FileDownloadJob::consume(QByteArrayView bytes)
{
    if (!m_unwrapping) {
        return store(bytes);
    }
    m_scratch.resize(0);
    const bool ok = m_unwrapper.feed(bytes, m_scratch);
    if (!store(m_scratch)) { // what decoded before a problem is kept with the rejected bytes
        return false;
    }
    return ok || stop(Stop::Verification, tr("the FHIR Binary wrapper is unusable: %1").arg(m_unwrapper.error()));
}

bool FileDownloadJob::store(QByteArrayView bytes)
{
    if (m_batch.isEmpty()) {
        m_batchBegun.start();
    }
    m_batch.append(bytes.data(), bytes.size());
    m_stored += bytes.size();
    if (m_batch.size() >= kBatch || m_batchBegun.elapsed() >= kBatchMaxAgeMs) {
        if (!m_pipeline.push(std::exchange(m_batch, m_pipeline.recycled()))) {
            return stopAsRefused();
        }
        if (!m_pipeline.hasRoom()) {
            setPaused(true); // until the worker catches up (the pipeline's onRoom)
        }
    }
    emit progress(m_stored, m_progressTotal, m_resources.load(std::memory_order_relaxed));
    return true;
}

bool FileDownloadJob::flush()
{
    if (!m_pipeline.wait()) {
        return stopAsRefused();
    }
    if (!m_batch.isEmpty()) {
        const bool ok = process(m_batch);
        m_batch.clear();
        if (!ok) {
            return stopAsRefused();
        }
    }
    emit progress(m_verifier.bytesFed(), m_progressTotal, m_verifier.facts().resources);
    return true;
}

bool FileDownloadJob::stopAsRefused()
{
    m_batch.clear();
    return stop(m_refusal, m_refusalMessage);
}

bool FileDownloadJob::process(QByteArrayView bytes)
{
    // Written before it is verified, so a rejected file holds the offending line.
    QString error;
    if (!m_part.append(bytes, &error)) {
        m_refusal = Stop::Disk;
        m_refusalMessage = error;
        return false;
    }
    if (!m_verifier.feed(bytes)) {
        m_refusal = Stop::Verification;
        m_refusalMessage = m_verifier.error()->message();
        return false;
    }
    m_resources.store(m_verifier.facts().resources, std::memory_order_relaxed);
    return true;
}

bool FileDownloadJob::stop(Stop why, const QString &message)
{
    if (m_stop != Stop::None) {
        return false; // the first reason stands
    }
    m_stop = why;
    m_stopMessage = message;
    // Inside a transfer this aborts the reply and failed() runs before it returns; after the body (succeeded())
    // it does nothing and the caller finishes.
    failLocally(message);
    return false;
}

void FileDownloadJob::succeeded(const HttpResponse &response)
{
    Q_UNUSED(response)
    if (m_done) {
        return;
    }
    if (m_sniffing) {
        flushSniffed();
    }
    if (m_stop == Stop::None && !m_batch.isEmpty() && !m_pipeline.push(std::exchange(m_batch, {}))) {
        stopAsRefused();
    }
    if (m_stop != Stop::None) {
        finishStopped(makeFailure(HttpFailure::Kind::Local, m_stopMessage));
        return;
    }
    m_pipeline.whenIdle(
        [this] { QMetaObject::invokeMethod(this, &FileDownloadJob::finishBody, Qt::QueuedConnection); });
}

void FileDownloadJob::finishBody()
{
    if (m_done) {
        return;
    }
    if (!flush() || m_stop != Stop::None) {
        finishStopped(makeFailure(HttpFailure::Kind::Local, m_stopMessage));
        return;
    }
    if (m_unwrapping && !m_unwrapper.finish()) {
        finishRejected({0, tr("the FHIR Binary wrapper is unusable: %1").arg(m_unwrapper.error())});
        return;
    }
    if (!m_verifier.finish()) {
        finishRejected(*m_verifier.error());
        return;
    }
    finishVerified();
}

void FileDownloadJob::failed(const HttpFailure &failure)
{
    if (m_done) {
        return;
    }
    // What arrived before the failure is good for a resume: write it (verified, so a bad line still rejects).
    flush();
    if (m_stop != Stop::None) {
        finishStopped(failure);
        return;
    }
    if (failure.kind == HttpFailure::Kind::Cancelled) {
        finishFailure(FileResult::Outcome::Cancelled, failure);
    } else if (failure.kind == HttpFailure::Kind::Http && (failure.status == 404 || failure.status == 410)) {
        finishFailure(FileResult::Outcome::Expired, failure);
    } else if (failure.kind == HttpFailure::Kind::Http && failure.status == 416 && m_resumeFrom > 0) {
        handleRangeNotSatisfiable(failure);
    } else {
        finishFailure(failure.isRetryable() ? FileResult::Outcome::RetryableFailure : FileResult::Outcome::FatalFailure,
                      failure);
    }
}

void FileDownloadJob::handleRangeNotSatisfiable(const HttpFailure &failure)
{
    HttpResponse head;
    head.headers = failure.headers;
    const ContentRange r = ContentRange::parse(head.header("Content-Range"));
    if (r.isUnsatisfied() && r.complete == m_resumeFrom) {
        // The .part already holds the whole file (an earlier attempt ended between the last byte and the rename).
        qCInfo(lcDownload).noquote() << QDir::toNativeSeparators(m_part.partPath()) << "is already complete";
        if (!m_verifier.finish()) {
            finishRejected(*m_verifier.error());
            return;
        }
        finishVerified();
        return;
    }
    HttpFailure f = failure;
    f.detail = r.valid ? tr("the server's file has %1 bytes, fewer than the %2 already downloaded")
                             .arg(number(r.complete), number(m_resumeFrom))
                       : tr("the server cannot send the file from byte %1").arg(number(m_resumeFrom));
    m_discardPart = true;
    finishFailure(FileResult::Outcome::RetryableFailure, f);
}

void FileDownloadJob::finishStopped(const HttpFailure &failure)
{
    switch (m_stop) {
    case Stop::Verification:
        finishRejected(m_verifier.error().value_or(VerificationError{0, m_stopMessage}));
        return;
    case Stop::CannotResume: {
        m_discardPart = true;
        HttpFailure f = failure;
        f.kind = HttpFailure::Kind::Protocol;
        f.detail = m_stopMessage + tr("; the next attempt starts from the beginning");
        finishFailure(FileResult::Outcome::RetryableFailure, f);
        return;
    }
    case Stop::Unusable: {
        HttpFailure f = failure;
        f.kind = HttpFailure::Kind::Protocol;
        finishFailure(FileResult::Outcome::FatalFailure, f);
        return;
    }
    case Stop::Disk:
    case Stop::None:
        break;
    }
    HttpFailure f = failure;
    f.kind = HttpFailure::Kind::Local;
    f.detail = m_stopMessage;
    finishFailure(FileResult::Outcome::FatalFailure, f);
}

FileResult FileDownloadJob::baseResult() const
{
    FileResult r;
    r.finalPath = m_params.finalPath;
    r.bytesReceived = m_received;
    r.lines = m_verifier.facts().resources;
    r.facts = m_verifier.facts();
    r.restartedFromZero = m_restarted;
    r.restartReason = m_restartReason;
    r.unwrappedBinary = m_unwrapping;
    if (m_gotResponse) {
        r.partial.etag = m_etag;
        r.partial.lastModified = m_lastModified;
        r.partial.contentEncoded = m_contentEncoded;
    } else {
        r.partial = m_params.previous; // the .part's bytes still come from that earlier answer
    }
    return r;
}

void FileDownloadJob::finishVerified()
{
    const QByteArray sha = m_part.hash().hexResult();
    const qint64 size = m_part.size();
    QString error;
    if (sha.isEmpty()) {
        error = tr("Could not compute the SHA-256 of %1 (OpenSSL failed).")
                    .arg(QDir::toNativeSeparators(m_params.finalPath));
    }
    if (!error.isEmpty() || !m_part.commit(&error)) {
        finishFailure(FileResult::Outcome::FatalFailure, makeFailure(HttpFailure::Kind::Local, error));
        return;
    }
    FileResult r = baseResult();
    r.outcome = FileResult::Outcome::Verified;
    r.bytes = size;
    r.sha256 = sha;
    const NdjsonFacts &facts = r.facts;
    qCDebug(lcDownload).noquote() << "verified" << QDir::toNativeSeparators(m_params.finalPath) << ":"
                                  << facts.resources << "resources," << size << "bytes, sha256" << sha;
    if (facts.emptyLines > 0) {
        qCWarning(lcDownload).noquote() << QDir::toNativeSeparators(m_params.finalPath) << "has" << facts.emptyLines
                                        << "blank lines (the first is line" << facts.firstEmptyLine << ")";
    }
    emitFinished(r);
}

void FileDownloadJob::finishRejected(const VerificationError &error)
{
    FileResult r = baseResult();
    r.outcome = FileResult::Outcome::VerificationFailed;
    r.verificationError = error;
    r.bytes = m_part.size();
    QString rejected;
    QString moveError;
    if (m_part.reject(&rejected, &moveError)) {
        r.rejectedPath = rejected;
    } else {
        // The bytes stay in the .part; a later attempt re-verifies them and starts over or rejects them again.
        qCWarning(lcDownload).noquote() << moveError;
        r.partial.bytes = m_part.size();
    }
    qCWarning(lcDownload).noquote() << QDir::toNativeSeparators(m_params.finalPath)
                                    << "failed verification:" << error.message()
                                    << (rejected.isEmpty()
                                            ? QString()
                                            : QStringLiteral("(kept as %1)").arg(QDir::toNativeSeparators(rejected)));
    emitFinished(r);
}

void FileDownloadJob::finishFailure(FileResult::Outcome outcome, const HttpFailure &failure)
{
    FileResult r = baseResult();
    r.outcome = outcome;
    r.failure = failure;
    r.retryAfter = failure.retryAfter;
    // Bytes decoded from a Binary wrapper have no server offsets to resume from; an empty .part is clutter.
    if (m_discardPart || m_unwrapping || m_part.size() == 0) {
        m_part.discard();
    } else {
        m_part.close();
        r.partial.bytes = m_part.size();
    }
    r.bytes = r.partial.bytes;
    emitFinished(r);
}

void FileDownloadJob::emitFinished(const FileResult &result)
{
    m_done = true;
    emit finished(result);
}
