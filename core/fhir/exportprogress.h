#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// What the server says about a running export: X-Progress kept verbatim, plus a number when it holds one
// ("42% complete" → percent 42; "1200 ids processed" → count 1200), or 1upHealth's status body
// ({"status":"In Progress","batches":{complete,total},"resourceCount":n}).
struct ExportProgress
{
    QString text;                  // verbatim, at most 100 characters as the IG allows
    std::optional<double> percent; // 0–100
    std::optional<qint64> count;   // items processed (ids, resources)

    bool isEmpty() const { return text.isEmpty() && !percent && !count; }

    static ExportProgress fromHeader(const QByteArray &xProgress);
    // A status body's own account of a running job; nullopt when the body does not say it is still running.
    static std::optional<ExportProgress> fromRunningBody(const QJsonObject &body);
};
