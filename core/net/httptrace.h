#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>
#include <QUrl>

// A redacted record of every HTTP exchange of one export, for support desks: method, URL (credential query
// values and JWTs removed), request and response headers (Authorization, cookies and anything named like a
// secret replaced), status, timing, bytes, and for errors the OperationOutcome's severity and code — never a
// body, so no token and no patient data. Appended as JSON lines to a file (0600) that stops growing at a cap.
class HttpTrace
{
public:
    struct Entry
    {
        QDateTime started;
        qint64 durationMs = 0;
        QString operation;
        QByteArray method;
        QUrl url;
        QList<QPair<QByteArray, QByteArray>> requestHeaders;
        int status = 0;
        QList<QPair<QByteArray, QByteArray>> responseHeaders;
        qint64 bodyBytes = 0;
        QString error;        // network error text
        QString outcomeCodes; // "error/invalid, warning/informational"
    };

    explicit HttpTrace(const QString &path, qint64 maxBytes = 32 * 1024 * 1024);

    void record(const Entry &entry);
    // Everything recorded so far is in the file (a support bundle is about to read it).
    void flush();
    const QString &path() const { return m_path; }

    static QByteArray redactHeader(const QByteArray &name, const QByteArray &value);

private:
    QString m_path;
    qint64 m_maxBytes;
    QMutex m_mutex;
    QFile m_file;
    QElapsedTimer m_sinceFlush;
    bool m_full = false;
};
