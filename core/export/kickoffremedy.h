#pragma once

#include <QString>
#include <QStringList>

struct ExportRequest;
struct HttpFailure;

// What to change when a server refused a kick-off because of one of its parameters (a 400/422 naming it): send
// Prefer: handling=lenient so the server may skip what it does not support, and/or leave parameters out. The
// Bulk Data IG allows both; Oracle Health honours lenient handling, others only accept the smaller request.
// A value: ExportJob::retryKickoff() applies it, ferry-cli builds it from --lenient / --drop-parameter.
struct KickoffRemedy
{
    bool lenient = false;
    QStringList dropParameters; // kick-off parameter names (_elements, _typeFilter, patient, …)

    bool isEmpty() const { return !lenient && dropParameters.isEmpty(); }
    // Changes `request`; false with `error` set (and `request` untouched) for a name Ferry does not send.
    bool apply(ExportRequest *request, QString *error) const;
    // "with Prefer: handling=lenient and without _elements", for logs and the record's message.
    QString describe() const;

    // The parameter names a kick-off can carry, as the Bulk Data IG spells them.
    static QStringList parameterNames();
    // The parameter the refusal names among those `request` actually sends; empty when it is not a 400/422 of
    // the kick-off or names none. Reads the OperationOutcome (or the plain body): servers write "_elements is not
    // supported", "The parameter '_typeFilter'…", "…in _type is not supported".
    static QString rejectedParameter(const HttpFailure &failure, const ExportRequest &request);
    // The parameters `request` sends (so only those are offered for dropping).
    static QStringList usedParameters(const ExportRequest &request);
};
