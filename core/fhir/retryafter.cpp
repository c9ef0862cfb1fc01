#include "fhir/retryafter.h"

#include <QCoreApplication>
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

namespace {

int monthNumber(const QString &name)
{
    static const QStringList months{QStringLiteral("jan"), QStringLiteral("feb"), QStringLiteral("mar"),
                                    QStringLiteral("apr"), QStringLiteral("may"), QStringLiteral("jun"),
                                    QStringLiteral("jul"), QStringLiteral("aug"), QStringLiteral("sep"),
                                    QStringLiteral("oct"), QStringLiteral("nov"), QStringLiteral("dec")};
    return int(months.indexOf(name.toLower())) + 1; // 0: unknown
}

bool isDayName(const QString &name, bool full)
{
    static const QStringList days{QStringLiteral("monday"),   QStringLiteral("tuesday"), QStringLiteral("wednesday"),
                                  QStringLiteral("thursday"), QStringLiteral("friday"),  QStringLiteral("saturday"),
                                  QStringLiteral("sunday")};
    const QString lower = name.toLower();
    for (const QString &d : days) {
        if (full ? lower == d : lower == d.left(3)) {
            return true;
        }
    }
    return false;
}

QDateTime utcDateTime(int year, const QString &month, const QString &day, const QString &h, const QString &m,
                      const QString &s)
{
    const QDate date(year, monthNumber(month), day.toInt());
    const QTime time(h.toInt(), m.toInt(), s.toInt());
    if (!date.isValid() || !time.isValid()) {
        return {};
    }
    return QDateTime(date, time, Qt::UTC);
}

} // namespace

QDateTime RetryAfter::parseHttpDate(const QString &text)
{
    // Built from numbers as UTC, never through the local time zone: a wall-clock time that does not exist locally
    // (the hour skipped at a DST change) would otherwise be shifted or rejected. Day and month names are English.
    const QString t = text.simplified();
    // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT (also a one-digit day and "UTC", seen in the wild)
    static const QRegularExpression imf(
        QStringLiteral("^([A-Za-z]{3}), (\\d{1,2}) ([A-Za-z]{3}) (\\d{4}) (\\d{2}):(\\d{2}):(\\d{2}) (?:GMT|UTC)$"));
    // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
    static const QRegularExpression rfc850(
        QStringLiteral("^([A-Za-z]+), (\\d{2})-([A-Za-z]{3})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) GMT$"));
    // asctime: Sun Nov  6 08:49:37 1994 (simplified() folds the padding space)
    static const QRegularExpression asctime(
        QStringLiteral("^([A-Za-z]{3}) ([A-Za-z]{3}) (\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})$"));
    if (const auto m = imf.match(t); m.hasMatch() && isDayName(m.captured(1), false)) {
        return utcDateTime(m.captured(4).toInt(), m.captured(3), m.captured(2), m.captured(5), m.captured(6),
                           m.captured(7));
    }
    if (const auto m = rfc850.match(t); m.hasMatch() && isDayName(m.captured(1), true)) {
        int year = 1900 + m.captured(4).toInt();
        if (year < 1970) {
            year += 100; // two-digit years: 70–99 are 1970–1999, 00–69 are 2000–2069
        }
        return utcDateTime(year, m.captured(3), m.captured(2), m.captured(5), m.captured(6), m.captured(7));
    }
    if (const auto m = asctime.match(t); m.hasMatch() && isDayName(m.captured(1), false)) {
        return utcDateTime(m.captured(7).toInt(), m.captured(2), m.captured(3), m.captured(4), m.captured(5),
                           m.captured(6));
    }
    QDateTime dt = QDateTime::fromString(t, Qt::RFC2822Date);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}
