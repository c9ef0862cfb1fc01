#include "fhir/retryafter.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

using namespace std::chrono;

std::optional<RetryAfter> RetryAfter::parse(const QByteArray &value, RetryAfterUnit unit, const QDateTime &nowUtc)
{
    const QString text = QString::fromLatin1(value).trimmed();
    if (text.isEmpty()) {
        return std::nullopt;
    }
    static const QRegularExpression number(QStringLiteral("^\\d{1,12}(\\.\\d+)?$"));
    RetryAfter result;
    if (number.match(text).hasMatch()) {
        const double n = text.toDouble();
        switch (unit) {
        case RetryAfterUnit::Seconds:
            result.delay = milliseconds(static_cast<qint64>(n * 1000));
            if (n > 86400) {
                result.warning =
                    QCoreApplication::translate("RetryAfter", "Retry-After %1 seconds is more than a day; the server "
                                                              "may mean milliseconds.")
                        .arg(text);
            }
            break;
        case RetryAfterUnit::Milliseconds:
            result.delay = milliseconds(static_cast<qint64>(n));
            if (n > 0 && n < 50) {
                result.warning =
                    QCoreApplication::translate("RetryAfter", "Retry-After %1 ms is implausibly short; the server may "
                                                              "mean seconds.")
                        .arg(text);
            }
            break;
        case RetryAfterUnit::Minutes:
            result.delay = milliseconds(static_cast<qint64>(n * 60000));
            if (n > 1440) {
                result.warning =
                    QCoreApplication::translate("RetryAfter", "Retry-After %1 minutes is more than a day; the server "
                                                              "may mean seconds.")
                        .arg(text);
            }
            break;
        }
        return result;
    }
    const QDateTime when = parseHttpDate(text);
    if (!when.isValid()) {
        return std::nullopt;
    }
    result.fromDate = true;
    result.delay = milliseconds(std::max<qint64>(0, nowUtc.msecsTo(when)));
    return result;
}

QDateTime RetryAfter::parseHttpDate(const QString &text)
{
    // Day and month names are English whatever the user's locale, hence QLocale::c().
    const QLocale c = QLocale::c();
    const QString t = text.simplified();
    static const char *const formats[] = {
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'", // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",  // RFC 850:     Sunday, 06-Nov-94 08:49:37 GMT
        "ddd MMM d HH:mm:ss yyyy",         // asctime:     Sun Nov  6 08:49:37 1994 (simplified() folds spaces)
        "ddd, d MMM yyyy HH:mm:ss 'GMT'",  "ddd, dd MMM yyyy HH:mm:ss 'UTC'",
    };
    for (const char *format : formats) {
        QDateTime dt = c.toDateTime(t, QLatin1String(format));
        if (dt.isValid()) {
            dt.setTimeSpec(Qt::UTC);
            if (dt.date().year() < 1970) {
                dt = dt.addYears(100); // two-digit RFC 850 years
            }
            return dt;
        }
    }
    QDateTime dt = QDateTime::fromString(t, Qt::RFC2822Date);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}
