#include "net/httptrace.h"

#include "util/privatefiles.h"
#include "util/redactor.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

namespace {
QJsonObject headersToJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonObject o;
    for (const auto &[name, value] : headers) {
        o.insert(QString::fromLatin1(name).toLower(), QString::fromLatin1(HttpTrace::redactHeader(name, value)));
    }
    return o;
}
} // namespace

HttpTrace::HttpTrace(const QString &path, qint64 maxBytes)
    : m_path(path)
    , m_maxBytes(maxBytes)
    , m_file(path)
{
}

QByteArray HttpTrace::redactHeader(const QByteArray &name, const QByteArray &value)
{
    static const QByteArrayList secretParts{"authorization", "cookie",  "secret",   "token",     "apikey",
                                            "api-key",       "api_key", "password", "assertion", "signature"};
    const QByteArray lower = name.toLower();
    for (const QByteArray &part : secretParts) {
        if (lower.contains(part)) {
            return QByteArrayLiteral("[redacted]");
        }
    }
    if (name.compare("Location", Qt::CaseInsensitive) == 0 ||
        name.compare("Content-Location", Qt::CaseInsensitive) == 0) {
        return Redactor::url(QUrl(QString::fromLatin1(value))).toUtf8();
    }
    return Redactor::instance().text(QString::fromLatin1(value)).toLatin1();
}

void HttpTrace::record(const Entry &e)
{
    QMutexLocker lock(&m_mutex);
    if (m_full) {
        return;
    }
    QJsonObject o{{QStringLiteral("time"), e.started.toUTC().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("ms"), e.durationMs},
                  {QStringLiteral("operation"), e.operation},
                  {QStringLiteral("method"), QString::fromLatin1(e.method)},
                  {QStringLiteral("url"), Redactor::url(e.url)},
                  {QStringLiteral("request"), headersToJson(e.requestHeaders)},
                  {QStringLiteral("status"), e.status},
                  {QStringLiteral("response"), headersToJson(e.responseHeaders)},
                  {QStringLiteral("bodyBytes"), e.bodyBytes}};
    if (!e.error.isEmpty()) {
        o.insert(QStringLiteral("error"), Redactor::instance().text(e.error));
    }
    if (!e.outcomeCodes.isEmpty()) {
        o.insert(QStringLiteral("outcome"), e.outcomeCodes);
    }
    // Kept open: an export of 10,000 files records 10,000 exchanges. Closed when the trace is.
    QString error;
    if (!m_file.isOpen() && !PrivateFiles::open(m_file, QIODevice::WriteOnly | QIODevice::Append, &error)) {
        return;
    }
    if (m_file.size() > m_maxBytes) {
        m_file.write("{\"note\":\"trace full; later requests are not recorded\"}\n");
        m_file.close();
        m_full = true;
        return;
    }
    m_file.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
    // Written out at most once a second (10,000 files make 10,000 entries); flush() before reading the file.
    if (!m_sinceFlush.isValid() || m_sinceFlush.elapsed() >= 1000) {
        m_file.flush();
        m_sinceFlush.start();
    }
}

void HttpTrace::flush()
{
    QMutexLocker lock(&m_mutex);
    if (m_file.isOpen()) {
        m_file.flush();
    }
}
