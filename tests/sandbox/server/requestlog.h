#pragma once

#include "http/httprequest.h"

#include <QByteArray>
#include <QList>
#include <QPair>

#include <deque>

// What a test can assert about the traffic: one entry per request, in arrival order. Authorization is never
// stored, only its kind (absent / bearer / basic / other); 1upHealth-style client_secret headers are redacted too.
struct RequestLogEntry
{
    qint64 seq = 0;
    qint64 timeMs = 0; // server monotonic clock, real milliseconds since start
    Origin origin = Origin::Primary;
    QByteArray method;
    QByteArray target; // path + query as sent
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray authorization = "absent";
    int status = 0;         // 0 until answered
    qint64 bodyBytes = 0;   // response body bytes handed to the socket (after Content-Encoding)
    qint64 rangeStart = -1; // first byte of a 206
    bool finished = false;  // the response is over (sent, dropped, or the peer left)
    bool complete = false;  // ... and its body was sent in full
    quint64 connection = 0;

    QByteArray header(QByteArrayView name) const;
};

class RequestLog
{
public:
    qint64 begin(const HttpRequest &request, qint64 nowMs);
    void answered(qint64 seq, int status, qint64 rangeStart);
    void finished(qint64 seq, qint64 bodyBytes, bool complete);
    const RequestLogEntry *entry(qint64 seq) const;
    QList<RequestLogEntry> entries() const;
    // JSON array of entries with seq > afterSeq.
    QByteArray toJson(qint64 afterSeq = 0) const;
    void clear();

private:
    RequestLogEntry *find(qint64 seq);

    std::deque<RequestLogEntry> m_entries;
    qint64 m_nextSeq = 1;
};
