#include "util/durationtext.h"

#include <QCoreApplication>

namespace DurationText {

QString format(std::chrono::milliseconds duration)
{
    using namespace std::chrono;
    const qint64 ms = duration.count();
    if (ms < 1000) {
        return QCoreApplication::translate("DurationText", "%1 ms").arg(ms);
    }
    if (ms < 59'500) { // from 59.5 s on the seconds would round to "60 s": say "1 min"
        const double s = ms / 1000.0;
        return QCoreApplication::translate("DurationText", "%1 s")
            .arg(s < 10 ? QString::number(s, 'g', 2) : QString::number(qRound(s)));
    }
    const qint64 totalMinutes = (ms + 30'000) / 60'000;
    if (totalMinutes < 60) {
        return QCoreApplication::translate("DurationText", "%1 min").arg(totalMinutes);
    }
    const qint64 hours = totalMinutes / 60;
    const qint64 minutes = totalMinutes % 60;
    if (hours < 48) {
        return minutes == 0 ? QCoreApplication::translate("DurationText", "%1 h").arg(hours)
                            : QCoreApplication::translate("DurationText", "%1 h %2 min").arg(hours).arg(minutes);
    }
    return QCoreApplication::translate("DurationText", "%1 d").arg((hours + 12) / 24);
}

} // namespace DurationText
