#pragma once

#include <QByteArray>
#include <QList>

// A query string or form body split into items without losing what the client escaped: some vendors give a raw
// ',' and an escaped "%2C" different meanings (Epic's _typeFilter), so the raw value is kept beside the decoded one.
struct QueryItem
{
    QByteArray name;     // decoded
    QByteArray rawValue; // exactly as sent
    QByteArray value;    // percent-decoded ('+' stays '+' in URLs; becomes ' ' in form bodies)
};

class QueryString
{
public:
    static QList<QueryItem> parse(const QByteArray &raw, bool formEncoded = false);
    static QByteArray decode(const QByteArray &raw, bool formEncoded = false);
    static QByteArray firstValue(const QList<QueryItem> &items, const QByteArray &name);
};
