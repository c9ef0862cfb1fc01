#include "http/querystring.h"

QList<QueryItem> QueryString::parse(const QByteArray &raw, bool formEncoded)
{
    QList<QueryItem> items;
    for (const QByteArray &part : raw.split('&')) {
        if (part.isEmpty()) {
            continue;
        }
        const qsizetype eq = part.indexOf('=');
        QueryItem item;
        item.name = decode(eq < 0 ? part : part.left(eq), formEncoded);
        item.rawValue = eq < 0 ? QByteArray() : part.mid(eq + 1);
        item.value = decode(item.rawValue, formEncoded);
        items.append(item);
    }
    return items;
}

QByteArray QueryString::decode(const QByteArray &raw, bool formEncoded)
{
    if (!formEncoded) {
        return QByteArray::fromPercentEncoding(raw);
    }
    QByteArray plus = raw;
    plus.replace('+', ' ');
    return QByteArray::fromPercentEncoding(plus);
}

QByteArray QueryString::firstValue(const QList<QueryItem> &items, const QByteArray &name)
{
    for (const QueryItem &item : items) {
        if (item.name == name) {
            return item.value;
        }
    }
    return {};
}
