#pragma once

#include "fhir/exportrequest.h"
#include "store/serverprofile.h"

#include <QCoreApplication>
#include <QString>

// The kick-off request as the engine will send it, as text for the export form's live preview: method and URL,
// the protocol headers, the vendor's extra headers (with the client id filled in), where the credential goes
// (never its value) and, for POST, the Parameters body.
class KickoffPreview
{
    Q_DECLARE_TR_FUNCTIONS(KickoffPreview)

public:
    static QString text(const ExportRequest &request, const VendorProfile &vendor, const ServerProfile *profile);
};
