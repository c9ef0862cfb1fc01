#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

// Compact JSON text written straight into a buffer, for records serialised thousands of times per export (the
// journal's file events and snapshots): building a QJsonObject for each costs several times more than the text.
// Byte for byte what QJsonDocument::toJson(Compact) writes for the same values: the same escapes, UTF-8, and
// integers as QByteArray::number. The caller writes keys in QJsonObject's order (sorted) to get the same text.
namespace JsonText {

// "text", escaped like QJsonDocument: \" \\ \b \f \n \r \t, other controls as \u00xx, a lone surrogate as \uxxxx.
void appendString(QByteArray &out, QStringView text);
// A Latin-1 byte string (ETags, hex digests) as a JSON string, as QString::fromLatin1 would give it.
void appendLatin1(QByteArray &out, QByteArrayView latin1);
// `"key":` for a plain ASCII key that needs no escaping; a ',' first unless `first`.
void appendKey(QByteArray &out, const char *key, bool first = false);

} // namespace JsonText
