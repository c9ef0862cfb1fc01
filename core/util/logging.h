#pragma once

#include <QLoggingCategory>

// Logging categories of the engine. Enable with QT_LOGGING_RULES, e.g. "ferry.net.debug=true".
// Nothing logged through them may contain a token, assertion, secret or a signed URL's query:
// log URLs through Redactor::url() and let the message handler run Redactor::text() as a last guard.
Q_DECLARE_LOGGING_CATEGORY(lcExport)   // ferry.export   state machine and journal
Q_DECLARE_LOGGING_CATEGORY(lcNet)      // ferry.net      requests, redirects, retries
Q_DECLARE_LOGGING_CATEGORY(lcDownload) // ferry.download file transfers and verification
Q_DECLARE_LOGGING_CATEGORY(lcAuth)     // ferry.auth     tokens and keys (never their values)
Q_DECLARE_LOGGING_CATEGORY(lcStore)    // ferry.store    profiles and secrets (never their values)
Q_DECLARE_LOGGING_CATEGORY(lcVendor)   // ferry.vendor   vendor presets and deviations from the spec
