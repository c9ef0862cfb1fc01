#pragma once

#include "auth/authservice.h"
#include "server/sandboxcontext.h"

// Serves export files on both origins: 200 / 206 (Range, If-Range) / 416, gzip when Accept-Encoding allows and no
// Range was asked for, stable ETag and Last-Modified, HEAD. The storage origin additionally checks its
// pre-signature and refuses any Authorization header with S3's "Only one auth mechanism allowed".
class FileHandler
{
public:
    explicit FileHandler(SandboxContext &ctx);

    HttpResponse primary(const HttpRequest &request, const QByteArray &token, const AuthService::Principal &principal);
    HttpResponse storage(const HttpRequest &request);

private:
    struct Range
    {
        qint64 start = 0;
        qint64 length = 0;
    };

    HttpResponse serve(const HttpRequest &request, ExportJob &job, ExportFile &file, bool binaryWrapper);
    std::optional<HttpResponse> injectedFault(ExportJob &job);
    // nullopt: serve the whole file; a Range with length < 0: unsatisfiable.
    std::optional<Range> requestedRange(const HttpRequest &request, const ExportJob &job, const ExportFile &file,
                                        qint64 size) const;
    static bool acceptsGzip(const HttpRequest &request);
    QByteArray lastModified(const ExportJob &job) const;

    SandboxContext &m_ctx;
};
