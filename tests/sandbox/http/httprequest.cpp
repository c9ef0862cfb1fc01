#include "http/httprequest.h"

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            return h.second;
        }
    }
    return {};
}

QList<QByteArray> HttpRequest::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            values.append(h.second);
        }
    }
    return values;
}

bool HttpRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (name.compare(h.first, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool HttpRequest::keepAlive() const
{
    bool close = false;
    bool keep = false;
    for (const QByteArray &value : headerValues("Connection")) {
        for (const QByteArray &token : value.split(',')) {
            const QByteArray t = token.trimmed().toLower();
            close = close || t == "close";
            keep = keep || t == "keep-alive";
        }
    }
    if (version == "HTTP/1.0") {
        return keep && !close;
    }
    return !close;
}
