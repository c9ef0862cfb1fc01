#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

// FHIR and HTTP time formats. All times are UTC; FHIR instants are accepted with any offset.
class TimeFormat
{
public:
    // FHIR instant: YYYY-MM-DDThh:mm:ss[.fff](Z|+hh:mm|-hh:mm). Returns epoch milliseconds.
    static std::optional<qint64> parseInstant(const QByteArray &text);
    static QByteArray instant(const QDateTime &utc, bool withMillis = true); // 2025-01-02T03:04:05.678Z
    static QByteArray httpDate(const QDateTime &utc);                        // Fri, 31 Dec 1999 23:59:59 GMT
    static std::optional<QDateTime> parseHttpDate(const QByteArray &text);
};
