#include "net/httptrace.h"

#include "util/privatefiles.h"
#include "util/redactor.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QRegularExpression>

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
{
}

QByteArray HttpTrace::redactHeader(const QByteArray &name, const QByteArray &value)
{
    static const QRegularExpression secretName(
        QStringLiteral("(?i)authorization|cookie|secret|token|api[-_]?key|password|assertion|signature"));
    if (secretName.match(QString::fromLatin1(name)).hasMatch()) {
        return QByteArrayLiteral("[redacted]");
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
    QFile file(m_path);
    QString error;
    if (!PrivateFiles::open(file, QIODevice::WriteOnly | QIODevice::Append, &error)) {
        return;
    }
    if (file.size() > m_maxBytes) {
        file.write("{\"note\":\"trace full; later requests are not recorded\"}\n");
        m_full = true;
        return;
    }
    file.write(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
}
