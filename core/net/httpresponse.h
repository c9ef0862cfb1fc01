#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

// The parts of an HTTP response a job needs, copied out of the QNetworkReply so no reply escapes its job.
struct HttpResponse
{
    int status = 0;
    QUrl url; // after redirects
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // empty for streamed responses

    // Case-insensitive lookup; empty when absent.
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                return value;
            }
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    }
};
