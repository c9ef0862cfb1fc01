#pragma once

#include "selftest/rawhttpclient.h"

// Token-endpoint helpers for the auth self-tests.
class AuthProbe
{
public:
    // The form of a SMART Backend Services token request.
    static QByteArray assertionForm(const QByteArray &assertion, const QByteArray &scope = "system/*.read");
    static RawResponse postToken(RawHttpClient &http, const QByteArray &form, const HeaderList &extra = {},
                                 const QByteArray &path = "/auth/token");
    // "error:error_description" of an OAuth error response.
    static QString oauthError(const RawResponse &response);
    static QByteArray bearer(const RawResponse &tokenResponse);
};
