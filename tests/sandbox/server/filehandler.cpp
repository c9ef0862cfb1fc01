#include "server/filehandler.h"

#include "data/timeformat.h"
#include "export/ndjsonsource.h"
#include "http/gzipsource.h"
#include "http/querystring.h"
#include "server/base64wrapsource.h"
#include "server/outcome.h"
#include "server/retryafter.h"

namespace {

HttpResponse s3Error(int status, const QByteArray &code, const QByteArray &message)
{
    HttpResponse r(status);
    r.setHeader("Content-Type", "application/xml");
    r.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message +
             "</Message><RequestId>FERRYSANDBOX</RequestId></Error>";
    return r;
}

} // namespace

FileHandler::FileHandler(SandboxContext &ctx)
    : m_ctx(ctx)
{
}

HttpResponse FileHandler::primary(const HttpRequest &request, const QByteArray &token,
                                  const AuthService::Principal &principal)
{
    const std::optional<JobStore::FileHit> hit = m_ctx.jobs.findFile(token);
    const bool foreign = hit && m_ctx.persona->ownerOnly() && hit->job->clientId != principal.clientId;
    if (!hit || hit->job->deleted || foreign) {
        return Outcome::response(404, "not-found", "No such file (never existed, or its export was deleted)");
    }
    ExportFile &file = hit->job->files[static_cast<size_t>(hit->index)];
    const qint64 now = m_ctx.clock.nowMs();
    if (!hit->current || (file.expiresAtMs >= 0 && now >= file.expiresAtMs)) {
        return Outcome::response(m_ctx.config.expiredStatus, "expired",
                                 "This file link has expired; fetch the status URL again for fresh links");
    }
    switch (m_ctx.persona->fileDelivery(request)) {
    case Persona::FileDelivery::RedirectToStorage: {
        HttpResponse r(307);
        r.setHeader("Location", m_ctx.presignedUrl(file));
        return r;
    }
    case Persona::FileDelivery::BinaryWrapper:
        return serve(request, *hit->job, file, true);
    case Persona::FileDelivery::Direct:
        break;
    }
    return serve(request, *hit->job, file, false);
}

HttpResponse FileHandler::storage(const HttpRequest &request)
{
    if (request.hasHeader("Authorization")) {
        return s3Error(400, "InvalidArgument",
                       "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query "
                       "string parameter or the Authorization header should be specified");
    }
    QByteArray token = request.path.mid(QByteArray("/bucket/").size());
    if (!request.path.startsWith("/bucket/") || !token.endsWith(".ndjson")) {
        return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    }
    token.chop(7);
    const QList<QueryItem> query = QueryString::parse(request.query);
    const QByteArray expires = QueryString::firstValue(query, "X-Amz-Expires");
    const QByteArray signature = QueryString::firstValue(query, "X-Amz-Signature");
    if (signature != m_ctx.presignature(token, expires.toLongLong())) {
        return s3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.");
    }
    const std::optional<JobStore::FileHit> hit = m_ctx.jobs.findFile(token);
    if (!hit || hit->job->deleted) {
        return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    }
    ExportFile &file = hit->job->files[static_cast<size_t>(hit->index)];
    if (!hit->current || (file.expiresAtMs >= 0 && m_ctx.clock.nowMs() >= file.expiresAtMs)) {
        return s3Error(m_ctx.config.expiredStatus, "AccessDenied", "Request has expired");
    }
    return serve(request, *hit->job, file, false);
}

std::optional<HttpResponse> FileHandler::injectedFault(ExportJob &job)
{
    const FaultConfig &f = m_ctx.config.faults;
    if (job.throttledFiles < f.fileThrottle) {
        ++job.throttledFiles;
        HttpResponse r = Outcome::response(429, "throttled", "Too many file requests; retry later");
        RetryAfter::apply(m_ctx, r, f.faultRetryAfterSeconds, nullptr);
        return r;
    }
    if (job.unavailableFiles < f.fileUnavailable) {
        ++job.unavailableFiles;
        HttpResponse r = Outcome::response(503, "transient", "File storage temporarily unavailable");
        RetryAfter::apply(m_ctx, r, f.faultRetryAfterSeconds, nullptr);
        return r;
    }
    return std::nullopt;
}

QByteArray FileHandler::lastModified(const ExportJob &job) const
{
    return TimeFormat::httpDate(job.completedUtc.isValid() ? job.completedUtc : job.kickoffUtc);
}

HttpResponse FileHandler::serve(const HttpRequest &request, ExportJob &job, ExportFile &file, bool binaryWrapper)
{
    if (request.method != "GET" && request.method != "HEAD") {
        HttpResponse r = Outcome::response(405, "not-supported", "Files support GET and HEAD only");
        r.setHeader("Allow", "GET, HEAD");
        return r;
    }
    ++job.fileRequests;
    if (std::optional<HttpResponse> fault = injectedFault(job)) {
        return std::move(*fault);
    }
    const bool head = request.method == "HEAD";
    if (!head) {
        ++file.attempts;
    }
    if (!file.layout) {
        file.layout = file.content->measure();
    }
    const qint64 size = file.layout->totalBytes;
    const FaultConfig &f = m_ctx.config.faults;

    HttpResponse r(200);
    r.headOnly = head;
    r.setHeader("Last-Modified", lastModified(job));
    if (binaryWrapper) {
        // HAPI: the file as a FHIR Binary resource unless the client asked for NDJSON itself.
        r.setHeader("Content-Type", "application/fhir+json");
        r.stream = std::make_unique<Base64WrapSource>(
            std::make_unique<NdjsonSource>(file.content, file.layout, 0, size), size);
        r.setHeader("ETag", file.etag.chopped(1) + "-binary\"");
        return r;
    }
    r.setHeader("Content-Type", "application/fhir+ndjson");
    r.setHeader("Vary", "Accept-Encoding");
    if (!f.ignoreRange) {
        r.setHeader("Accept-Ranges", "bytes");
    }
    const std::optional<Range> range = f.ignoreRange ? std::nullopt : requestedRange(request, job, file, size);
    if (range && range->length < 0) {
        HttpResponse unsatisfiable = Outcome::response(416, "invalid", "Range not satisfiable");
        unsatisfiable.setHeader("Content-Range", "bytes */" + QByteArray::number(size));
        unsatisfiable.setHeader("Accept-Ranges", "bytes");
        return unsatisfiable;
    }
    if (range) {
        r.status = 206;
        r.rangeStart = range->start;
        r.setHeader("ETag", file.etag);
        r.setHeader("Content-Range", "bytes " + QByteArray::number(range->start) + '-' +
                                         QByteArray::number(range->start + range->length - 1) + '/' +
                                         QByteArray::number(size));
        r.stream = std::make_unique<NdjsonSource>(file.content, file.layout, range->start, range->length);
    } else if (m_ctx.config.gzip && acceptsGzip(request)) {
        r.setHeader("Content-Encoding", "gzip");
        r.setHeader("ETag", file.etag.chopped(1) + "-gzip\"");
        r.stream = std::make_unique<GzipSource>(std::make_unique<NdjsonSource>(file.content, file.layout, 0, size));
        r.chunked = true;
    } else {
        r.setHeader("ETag", file.etag);
        r.stream = std::make_unique<NdjsonSource>(file.content, file.layout, 0, size);
        r.chunked = m_ctx.config.chunked;
    }
    const bool dropThis = f.dropFiles.isEmpty() || f.dropFiles.contains(file.outputIndex);
    if (!head && f.dropAfterBytes >= 0 && dropThis && file.attempts <= f.dropAttempts) {
        r.dropAfterBytes = f.dropAfterBytes;
    }
    r.dripBytesPerSecond = f.dripBytesPerSecond;
    return r;
}

std::optional<FileHandler::Range> FileHandler::requestedRange(const HttpRequest &request, const ExportJob &job,
                                                              const ExportFile &file, qint64 size) const
{
    const QByteArray header = request.header("Range").trimmed();
    if (header.isEmpty() || !header.startsWith("bytes=") || header.contains(',')) {
        return std::nullopt; // absent, another unit, or several ranges: the whole file (allowed by RFC 9110)
    }
    const QByteArray ifRange = request.header("If-Range").trimmed();
    if (!ifRange.isEmpty() && ifRange != file.etag && ifRange != lastModified(job)) {
        return std::nullopt; // the client's copy is of another version: send everything
    }
    const QByteArray spec = header.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0) {
        return std::nullopt;
    }
    bool okStart = true;
    bool okEnd = true;
    const QByteArray first = spec.left(dash).trimmed();
    const QByteArray last = spec.mid(dash + 1).trimmed();
    if (first.isEmpty()) {
        const qint64 suffix = last.toLongLong(&okEnd);
        if (!okEnd || suffix <= 0) {
            return std::nullopt;
        }
        const qint64 length = std::min(suffix, size);
        return length > 0 ? Range{size - length, length} : Range{0, -1};
    }
    const qint64 start = first.toLongLong(&okStart);
    qint64 end = last.isEmpty() ? std::max(start, size - 1) : last.toLongLong(&okEnd);
    if (!okStart || !okEnd || start < 0 || end < start) {
        return std::nullopt; // syntactically invalid: ignore the header
    }
    if (start >= size) {
        return Range{start, -1};
    }
    end = std::min(end, size - 1);
    return Range{start, end - start + 1};
}

bool FileHandler::acceptsGzip(const HttpRequest &request)
{
    bool gzip = false;
    for (const QByteArray &header : request.headerValues("Accept-Encoding")) {
        for (const QByteArray &item : header.split(',')) {
            const QList<QByteArray> parts = item.split(';');
            const QByteArray coding = parts.first().trimmed().toLower();
            double q = 1.0;
            for (qsizetype i = 1; i < parts.size(); ++i) {
                const QByteArray p = parts[i].trimmed();
                if (p.startsWith("q=")) {
                    q = p.mid(2).toDouble();
                }
            }
            if (coding == "gzip" || coding == "x-gzip") {
                return q > 0;
            }
            if (coding == "*") {
                gzip = q > 0;
            }
        }
    }
    return gzip;
}
