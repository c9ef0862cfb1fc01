#pragma once

#include "vendor/vendorprofile.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <chrono>
#include <optional>

// A parsed Retry-After header. RFC 9110 allows delta-seconds or an HTTP-date; vendors document milliseconds or
// minutes, so a bare number is read in the profile's unit. `warning` is set when the value looks implausible
// for that unit (a unit mix-up would stall an export for hours or hammer the server).
struct RetryAfter
{
    std::chrono::milliseconds delay{0};
    bool fromDate = false;
    QString warning;

    // nullopt when the header is absent or unreadable (the caller then backs off on its own).
    static std::optional<RetryAfter> parse(const QByteArray &value, RetryAfterUnit unit, const QDateTime &nowUtc);
    // HTTP-date in IMF-fixdate, RFC 850 or asctime form; invalid QDateTime if none matches.
    static QDateTime parseHttpDate(const QString &text);
};
