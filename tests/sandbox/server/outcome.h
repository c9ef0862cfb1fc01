#pragma once

#include "http/httpresponse.h"

#include <QByteArray>

// FHIR OperationOutcome responses (Content-Type application/fhir+json), the error body every bulk-data endpoint
// owes its client.
class Outcome
{
public:
    static QByteArray json(const QByteArray &severity, const QByteArray &code, const QByteArray &diagnostics);
    static HttpResponse response(int status, const QByteArray &code, const QByteArray &diagnostics,
                                 const QByteArray &severity = "error");
};
