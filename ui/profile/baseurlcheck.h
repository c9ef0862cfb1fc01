#pragma once

#include <QCoreApplication>
#include <QString>

// Checks a FHIR base URL as the user types it, and says what is wrong in a sentence: https is required, except
// for this computer (localhost, 127.0.0.1, ::1 — the sandbox and local test servers).
class BaseUrlCheck
{
    Q_DECLARE_TR_FUNCTIONS(BaseUrlCheck)

public:
    // Empty when the text is an acceptable base URL.
    static QString problem(const QString &text);
};
