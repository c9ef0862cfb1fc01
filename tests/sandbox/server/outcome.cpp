#include "server/outcome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QByteArray Outcome::json(const QByteArray &severity, const QByteArray &code, const QByteArray &diagnostics)
{
    const QJsonObject issue{{QLatin1String("severity"), QString::fromUtf8(severity)},
                            {QLatin1String("code"), QString::fromUtf8(code)},
                            {QLatin1String("diagnostics"), QString::fromUtf8(diagnostics)}};
    const QJsonObject outcome{{QLatin1String("resourceType"), QLatin1String("OperationOutcome")},
                              {QLatin1String("issue"), QJsonArray{issue}}};
    return QJsonDocument(outcome).toJson(QJsonDocument::Compact);
}

HttpResponse Outcome::response(int status, const QByteArray &code, const QByteArray &diagnostics,
                               const QByteArray &severity)
{
    return HttpResponse::json(status, json(severity, code, diagnostics), "application/fhir+json");
}
