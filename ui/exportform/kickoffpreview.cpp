#include "exportform/kickoffpreview.h"

#include <QStringList>

QString KickoffPreview::text(const ExportRequest &q, const VendorProfile &vendor, const ServerProfile *profile)
{
    QStringList lines;
    lines << (q.usesPost() ? QStringLiteral("POST ") : QStringLiteral("GET ")) +
                 q.kickoffUrl().toString(QUrl::FullyEncoded);
    lines << QStringLiteral("Accept: application/fhir+json");
    lines << QStringLiteral("Prefer: ") + QString::fromLatin1(q.preferHeader());
    for (const auto &header : vendor.extraHeaders) {
        QString value = header.second;
        value.replace(QLatin1String("{clientId}"), profile ? profile->clientId : QString());
        lines << QString::fromLatin1(header.first) + QStringLiteral(": ") + value;
    }
    if (profile && profile->authMethod != AuthMethod::None) {
        lines << tr("Authorization: Bearer (obtained when the export starts)");
    }
    if (q.usesPost()) {
        lines << QStringLiteral("Content-Type: application/fhir+json") << QString()
              << QString::fromUtf8(q.parametersBody());
    }
    return lines.join(QLatin1Char('\n'));
}
