#pragma once

// ferry-cli's message handler: every log line goes through Redactor::text() (no token, secret or signed URL
// query ever reaches a terminal or a CI log), clears a live progress line first, and is prefixed with its
// category. Informational lines are shown only with --verbose; warnings always.
namespace CliLog {
void install(bool verbose);
}
