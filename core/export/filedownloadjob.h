#pragma once

#include "export/batchpipeline.h"
#include "export/binaryunwrapper.h"
#include "export/fileresult.h"
#include "export/ndjsonverifier.h"
#include "export/partfile.h"
#include "fhir/manifest.h"
#include "net/networkjob.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>

#include <atomic>

// One attempt at one manifest file: GET it (following redirects without credentials off the FHIR origin),
// stream every chunk into `<final>.part` while hashing and verifying it, and rename the .part over `<final>`
// only once the body is complete and every line verified. The queue that owns it decides about retries and
// starts a new job per attempt, passing FileResult::partial back in as Params::previous.
//
// Resume: an existing .part is cut back to its last complete line (a crash can leave a torn or zero-filled tail,
// which never contains '\n'), re-read once through a fresh verifier and hash (in slices, so the event loop keeps
// running), then continued with `Range: bytes=N-`, `Accept-Encoding: identity` (offsets of a gzip-decoded
// stream are not the server's) and `If-Range` with the previous response's strong ETag, or its Last-Modified
// when the ETag is weak or named a gzip variant. 206 with a Content-Range starting at N appends; 200 (Range
// ignored, or the file changed) starts again from byte 0 and says so; 416 with the file's full length equal to
// N means the .part is already complete. A .part that fails re-verification is discarded and fetched again.
//
// A body that fails verification stops the transfer and is moved to rejected/<name> (see FileResult). A disk
// error ends the attempt with Kind::Local and leaves the .part for a resume. A HAPI-style Binary wrapper is
// recognised by its first bytes and decoded on the fly; such a .part cannot be resumed and is discarded on
// failure. The job never fsyncs: the engine syncs once when the export completes.
//
// Writing, hashing and verifying run on a worker thread (BatchPipeline) in batches of kBatch bytes, so that a
// multi-GB file keeps more than one core busy while this thread goes on receiving — other files too; when
// kMaxQueued bytes wait for the worker, the transfer is paused until it catches up. A slow transfer hands over
// what it has every kBatchMaxAgeMs instead. The last batch (for a small file, the whole file) goes to the worker
// too, and the job finishes once it is written: this thread goes back to the other transfers meanwhile.
//
// Emits finished() exactly once; connect with Qt::QueuedConnection or delete the job with deleteLater() from
// the slot, never directly. Lives in the thread of its NetworkContext.
class FileDownloadJob : public NetworkJob
{
    Q_OBJECT

public:
    struct Params
    {
        ManifestEntry entry;
        QString finalPath;
        bool credentialsAllowed = true; // the manifest's requiresAccessToken
        bool organizedOutput = false;   // the manifest has outputOrganizedBy: Parameters header lines allowed
        PartialDownload previous;       // from the last attempt's FileResult::partial
        qsizetype maxLineLength = NdjsonVerifier::kDefaultMaxLineLength;
    };

    static constexpr qint64 kReadBufferSize = 1024 * 1024;   // QNetworkReply's bound: back-pressure beyond it
    static constexpr qint64 kRescanSlice = 8 * 1024 * 1024;  // bytes of .part re-read per event-loop turn
    static constexpr qsizetype kBatch = 1024 * 1024;         // bytes handed to the worker at a time
    static constexpr qsizetype kMaxQueued = 2 * 1024 * 1024; // waiting for the worker, per file
    static constexpr qint64 kBatchMaxAgeMs = 50; // a slow transfer's bytes reach the disk (and the counts) this soon

    FileDownloadJob(const NetworkContext &context, const Params &params, QObject *parent = nullptr);
    ~FileDownloadJob() override;

    const Params &params() const { return m_params; }

signals:
    // After each chunk written; bytesTotal is -1 when unknown (gzip). Cheap: the receiver coalesces.
    void progress(qint64 bytesWritten, qint64 bytesTotal, qint64 resourcesVerified);
    void finished(const FileResult &result);

protected:
    void prepare() override;
    void responseStarted(const HttpResponse &head) override;
    void bodyChunk(QByteArrayView chunk) override;
    void succeeded(const HttpResponse &response) override;
    void failed(const HttpFailure &failure) override;

private:
    // Why this side stopped a transfer that the server was still sending.
    enum class Stop { None, Verification, Disk, CannotResume, Unusable };

    void openPart();
    void rescanSlice();
    void beginFromZero();
    void beginResume();
    bool handleResumeAnswer(const HttpResponse &head);
    bool flushSniffed();
    bool consume(QByteArrayView bytes);
    bool store(QByteArrayView bytes);
    bool flush();
    void finishBody();
    bool process(QByteArrayView bytes); // on the worker, or here when the pipeline is idle
    bool stopAsRefused();
    bool stop(Stop why, const QString &message);
    void handleRangeNotSatisfiable(const HttpFailure &failure);
    void finishStopped(const HttpFailure &failure);
    void finishVerified();
    void finishRejected(const VerificationError &error);
    void finishFailure(FileResult::Outcome outcome, const HttpFailure &failure);
    FileResult baseResult() const;
    void emitFinished(const FileResult &result);

    Params m_params;
    PartFile m_part;
    NdjsonVerifier m_verifier;
    BinaryUnwrapper m_unwrapper;
    QByteArray m_scratch;       // re-read slices, decoded Binary data
    QByteArray m_batch;         // received, not yet handed to the pipeline
    QElapsedTimer m_batchBegun; // when m_batch got its first bytes

    qint64 m_resumeFrom = 0; // N of the Range request; 0 when fetching the whole file
    qint64 m_progressTotal = -1;
    qint64 m_received = 0;
    qint64 m_stored = 0; // bytes passed to store() (decoded), the .part's size once the batches are written
    std::atomic<qint64> m_resources{0}; // verified so far (written by the worker)
    Stop m_refusal = Stop::None;        // why process() refused a batch; read here after the pipeline's wait()
    QString m_refusalMessage;
    bool m_gotResponse = false;
    QByteArray m_etag;
    QByteArray m_lastModified;
    bool m_contentEncoded = false;
    bool m_sniffing = false;
    QByteArray m_sniffed; // first bytes, held until the Binary-wrapper question is answered
    bool m_unwrapping = false;
    bool m_discardPart = false; // nothing in the .part is worth resuming
    bool m_restarted = false;
    QString m_restartReason;
    Stop m_stop = Stop::None;
    QString m_stopMessage;
    bool m_done = false;
    BatchPipeline m_pipeline; // last: destroyed (and waited for) before what process() uses
};
