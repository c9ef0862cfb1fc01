#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// A FHIR OperationOutcome as servers send it with errors, reduced to what a person and the retry logic need.
struct OperationOutcome
{
    struct Issue
    {
        QString severity; // fatal | error | warning | information
        QString code;     // IssueType: invalid, transient, throttled, not-found, …
        QString diagnostics;
        QString details; // details.text, or the first coding's display/code
        QStringList expression;

        QString text() const; // diagnostics, else details, else the code
    };

    QList<Issue> issues;

    // True when the server says the failure is temporary: every error/fatal issue has a transient code
    // (transient or one of its children: lock-error, no-store, exception, timeout, incomplete, throttled).
    bool isTransient() const;
    // "error (invalid): _type contains Foo; warning (informational): …" — for messages and logs.
    QString summary() const;

    static bool isTransientCode(const QString &code);
    // nullopt when the body is not an OperationOutcome (HTML from a gateway, empty, other JSON).
    static std::optional<OperationOutcome> parse(const QByteArray &body);
};
