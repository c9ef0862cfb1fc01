#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

// Which listening socket a request arrived on: the FHIR server itself, or the "storage" origin that serves
// capability URLs (pre-signed, S3-like) and must never see an Authorization header.
enum class Origin { Primary, Secondary };

// One parsed HTTP/1.1 request. Header names keep the client's spelling; lookups are case-insensitive.
struct HttpRequest
{
    QByteArray method;
    QByteArray target;  // as sent on the request line: path + optional '?' + query
    QByteArray path;    // percent-decoded path without the query
    QByteArray query;   // raw query (no '?'), still percent-encoded
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    Origin origin = Origin::Primary;
    quint64 connectionId = 0;

    // First value of a header, or a null QByteArray when absent.
    QByteArray header(QByteArrayView name) const;
    // All values, each repeated header and each comma-separated element of it kept as sent.
    QList<QByteArray> headerValues(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // HTTP/1.1 defaults to keep-alive unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    bool keepAlive() const;
};
