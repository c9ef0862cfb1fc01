#include "profile/baseurlcheck.h"

#include "store/serverprofile.h"

#include <QUrl>

QString BaseUrlCheck::problem(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return tr("Enter the FHIR server's base URL, for example https://fhir.example.org/r4.");
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty()) {
        return tr("This is not a complete address: it needs https://, a host name and usually a path.");
    }
    if (url.scheme() == QLatin1String("http")) {
        if (!ServerProfile::isLoopback(url)) {
            return tr("Use https:// — plain http would send your data and credentials unencrypted (it is allowed "
                      "only for servers on this computer).");
        }
    } else if (url.scheme() != QLatin1String("https")) {
        return tr("The address must start with https://.");
    }
    if (url.hasQuery() || url.hasFragment()) {
        return tr("A base URL has no ?query or #fragment: remove everything from the ? or #.");
    }
    if (url.path().contains(QLatin1String("$export"))) {
        return tr("Enter the server's base URL without /$export: Ferry adds the operation itself.");
    }
    return {};
}
