#include "export/contentrange.h"

#include <QList>

ContentRange ContentRange::parse(const QByteArray &value)
{
    ContentRange r;
    const QByteArray v = value.trimmed();
    if (!v.toLower().startsWith("bytes ")) {
        return r;
    }
    const QList<QByteArray> parts = v.mid(6).trimmed().split('/');
    if (parts.size() != 2) {
        return r;
    }
    bool ok = true;
    const QByteArray complete = parts.at(1).trimmed();
    if (complete != "*") {
        r.complete = complete.toLongLong(&ok);
        if (!ok || r.complete < 0) {
            r.complete = -1;
            return r;
        }
    }
    const QByteArray range = parts.at(0).trimmed();
    if (range == "*") {
        r.valid = r.complete >= 0;
        return r;
    }
    const qsizetype dash = range.indexOf('-');
    bool okFirst = false;
    bool okLast = false;
    const qint64 first = range.left(dash).trimmed().toLongLong(&okFirst);
    const qint64 last = range.mid(dash + 1).trimmed().toLongLong(&okLast);
    if (dash <= 0 || !okFirst || !okLast || first < 0 || last < first || (r.complete >= 0 && last >= r.complete)) {
        return r;
    }
    r.first = first;
    r.last = last;
    r.valid = true;
    return r;
}
