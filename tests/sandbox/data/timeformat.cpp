#include "data/timeformat.h"

#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

std::optional<qint64> TimeFormat::parseInstant(const QByteArray &text)
{
    static const QRegularExpression kInstant(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$"));
    const QString s = QString::fromLatin1(text);
    const QRegularExpressionMatch m = kInstant.match(s);
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    const int hour = m.captured(4).toInt();
    const int minute = m.captured(5).toInt();
    const int second = m.captured(6).toInt();
    if (!date.isValid() || hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    int millis = 0;
    if (!m.captured(7).isEmpty()) {
        millis = QString(m.captured(7).mid(1) + QStringLiteral("00")).left(3).toInt();
    }
    int offsetSeconds = 0;
    const QString zone = m.captured(8);
    if (zone != QLatin1String("Z")) {
        const int oh = zone.mid(1, 2).toInt();
        const int om = zone.mid(4, 2).toInt();
        if (oh > 14 || om > 59) {
            return std::nullopt;
        }
        offsetSeconds = (oh * 3600 + om * 60) * (zone.startsWith(QLatin1Char('-')) ? -1 : 1);
    }
    const QDateTime utc(date, QTime(hour, minute, second, millis), QTimeZone::utc());
    return utc.toMSecsSinceEpoch() - static_cast<qint64>(offsetSeconds) * 1000;
}

QByteArray TimeFormat::instant(const QDateTime &utc, bool withMillis)
{
    return utc.toUTC()
        .toString(withMillis ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ") : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"))
        .toLatin1();
}

QByteArray TimeFormat::httpDate(const QDateTime &utc)
{
    return QLocale::c().toString(utc.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

std::optional<QDateTime> TimeFormat::parseHttpDate(const QByteArray &text)
{
    QDateTime t = QLocale::c().toDateTime(QString::fromLatin1(text), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!t.isValid()) {
        return std::nullopt;
    }
    t.setTimeZone(QTimeZone::utc());
    return t;
}
