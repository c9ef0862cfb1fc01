#pragma once

#include "net/httpfailure.h"
#include "vendor/vendorprofile.h"

#include <QString>

// The one place that turns a failure into what a person reads: what happened, in plain words, and what to do.
// The UI and the CLI only show this text; they never compose their own from status codes.
namespace FailureText {

QString describe(const HttpFailure &failure, const VendorProfile &profile);

// A short reason phrase for a status code: 404 → "Not Found".
QString reasonPhrase(int status);

// The vendor advice whose pattern occurs in `serverText`, or empty.
QString vendorAdvice(const QString &serverText, const VendorProfile &profile);

} // namespace FailureText
