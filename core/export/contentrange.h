#pragma once

#include <QByteArray>

// A parsed Content-Range header (RFC 9110 §14.4): "bytes 100-199/1000", "bytes 100-199/*", or, on a 416,
// "bytes */1000". What a resumed download checks before appending a 206 to its .part.
struct ContentRange
{
    qint64 first = -1;    // -1 for the unsatisfied form "*"
    qint64 last = -1;     // inclusive
    qint64 complete = -1; // the whole representation's length; -1 when the server wrote "*"
    bool valid = false;

    bool isUnsatisfied() const { return valid && first < 0; }

    // Lenient about case and spaces; anything else (other units, multiple ranges, last < first) is invalid.
    static ContentRange parse(const QByteArray &value);
};
