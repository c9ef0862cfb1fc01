#include "server/requestlog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QByteArray authorizationKind(const QByteArray &value)
{
    if (value.isNull()) {
        return "absent";
    }
    const QByteArray scheme = value.trimmed().split(' ').first().toLower();
    if (scheme == "bearer") {
        return "bearer";
    }
    if (scheme == "basic") {
        return "basic";
    }
    return "other";
}

} // namespace

QByteArray RequestLogEntry::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

qint64 RequestLog::begin(const HttpRequest &request, qint64 nowMs)
{
    RequestLogEntry e;
    e.seq = m_nextSeq++;
    e.timeMs = nowMs;
    e.origin = request.origin;
    e.method = request.method;
    e.target = request.target;
    e.connection = request.connectionId;
    e.authorization = authorizationKind(request.header("Authorization"));
    for (const auto &h : request.headers) {
        const QByteArray lower = h.first.toLower();
        if (lower == "authorization") {
            continue;
        }
        e.headers.append({h.first, lower == "client_secret" ? QByteArray("[redacted]") : h.second});
    }
    m_entries.push_back(std::move(e));
    return m_entries.back().seq;
}

RequestLogEntry *RequestLog::find(qint64 seq)
{
    if (m_entries.empty() || seq < m_entries.front().seq) {
        return nullptr;
    }
    const auto index = static_cast<size_t>(seq - m_entries.front().seq);
    return index < m_entries.size() ? &m_entries[index] : nullptr;
}

const RequestLogEntry *RequestLog::entry(qint64 seq) const
{
    return const_cast<RequestLog *>(this)->find(seq);
}

void RequestLog::answered(qint64 seq, int status, qint64 rangeStart)
{
    if (RequestLogEntry *e = find(seq)) {
        e->status = status;
        e->rangeStart = rangeStart;
    }
}

void RequestLog::finished(qint64 seq, qint64 bodyBytes, bool complete)
{
    if (RequestLogEntry *e = find(seq)) {
        e->bodyBytes = bodyBytes;
        e->complete = complete;
        e->finished = true;
    }
}

QList<RequestLogEntry> RequestLog::entries() const
{
    return QList<RequestLogEntry>(m_entries.begin(), m_entries.end());
}

QByteArray RequestLog::toJson(qint64 afterSeq) const
{
    QJsonArray out;
    for (const RequestLogEntry &e : m_entries) {
        if (e.seq <= afterSeq) {
            continue;
        }
        QJsonObject headers;
        for (const auto &h : e.headers) {
            const QString name = QString::fromLatin1(h.first.toLower());
            const QString value = QString::fromUtf8(h.second);
            headers.insert(name, headers.contains(name) ? headers.value(name).toString() + QStringLiteral(", ") + value
                                                        : value);
        }
        out.append(QJsonObject{
            {QLatin1String("seq"), e.seq},
            {QLatin1String("timeMs"), e.timeMs},
            {QLatin1String("origin"),
             e.origin == Origin::Primary ? QLatin1String("primary") : QLatin1String("secondary")},
            {QLatin1String("method"), QString::fromLatin1(e.method)},
            {QLatin1String("target"), QString::fromUtf8(e.target)},
            {QLatin1String("headers"), headers},
            {QLatin1String("authorization"), QString::fromLatin1(e.authorization)},
            {QLatin1String("status"), e.status},
            {QLatin1String("bodyBytes"), e.bodyBytes},
            {QLatin1String("rangeStart"), e.rangeStart < 0 ? QJsonValue() : QJsonValue(e.rangeStart)},
            {QLatin1String("finished"), e.finished},
            {QLatin1String("complete"), e.complete},
            {QLatin1String("connection"), static_cast<qint64>(e.connection)},
        });
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

void RequestLog::clear()
{
    m_entries.clear();
}
