#include "selftest/authprobe.h"

#include <QJsonObject>

QByteArray AuthProbe::assertionForm(const QByteArray &assertion, const QByteArray &scope)
{
    return "grant_type=client_credentials&client_assertion_type="
           "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=" +
           assertion + "&scope=" + QUrl::toPercentEncoding(QString::fromUtf8(scope));
}

RawResponse AuthProbe::postToken(RawHttpClient &http, const QByteArray &form, const HeaderList &extra,
                                 const QByteArray &path)
{
    HeaderList headers{{"Content-Type", "application/x-www-form-urlencoded"}};
    headers += extra;
    return http.request("POST", path, headers, form);
}

QString AuthProbe::oauthError(const RawResponse &response)
{
    const QJsonObject o = response.json().object();
    return o.value(QLatin1String("error")).toString() + QLatin1Char(':') +
           o.value(QLatin1String("error_description")).toString();
}

QByteArray AuthProbe::bearer(const RawResponse &tokenResponse)
{
    return "Bearer " + tokenResponse.json().object().value(QLatin1String("access_token")).toString().toUtf8();
}
