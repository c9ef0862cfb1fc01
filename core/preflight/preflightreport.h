#pragma once

#include "preflight/capabilities.h"

#include <QList>
#include <QString>

#include <optional>

// One step of the connection preflight, in plain words: what was checked, what was found, what to do next.
struct PreflightStep
{
    enum class Status { Ok, Warning, Failed, Skipped };

    QString id;    // "metadata", "smart-configuration", "vendor", "token", "scopes", "bulk", "group"
    QString title; // "Read the server's capabilities"
    Status status = Status::Skipped;
    QString detail; // what Ferry found
    QString advice; // what to do about it (empty when nothing)

    static QString statusName(Status status);
};

struct PreflightReport
{
    QList<PreflightStep> steps;
    std::optional<ServerCapabilities> capabilities;
    QString recognisedVendorId; // empty when no preset matched
    QString tokenUrl;
    QString grantedScope;

    bool hasFailures() const;
    bool hasWarnings() const;
    // The whole report as text, for the clipboard and support bundles.
    QString toText() const;
};
