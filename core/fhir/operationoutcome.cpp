#include "fhir/operationoutcome.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QString OperationOutcome::Issue::text() const
{
    if (!diagnostics.isEmpty()) {
        return diagnostics;
    }
    if (!details.isEmpty()) {
        return details;
    }
    return code;
}

bool OperationOutcome::isTransientCode(const QString &code)
{
    static const QStringList transientCodes{QStringLiteral("transient"), QStringLiteral("lock-error"),
                                            QStringLiteral("no-store"),  QStringLiteral("exception"),
                                            QStringLiteral("timeout"),   QStringLiteral("incomplete"),
                                            QStringLiteral("throttled")};
    return transientCodes.contains(code);
}

bool OperationOutcome::isTransient() const
{
    bool sawProblem = false;
    for (const Issue &issue : issues) {
        if (issue.severity == QLatin1String("error") || issue.severity == QLatin1String("fatal") ||
            issue.severity.isEmpty()) {
            if (!isTransientCode(issue.code)) {
                return false;
            }
            sawProblem = true;
        }
    }
    return sawProblem;
}

QString OperationOutcome::summary() const
{
    QStringList parts;
    for (const Issue &issue : issues) {
        QString head = issue.severity.isEmpty() ? QStringLiteral("issue") : issue.severity;
        if (!issue.code.isEmpty()) {
            head += QStringLiteral(" (") + issue.code + QLatin1Char(')');
        }
        const QString text = issue.text();
        parts << (text.isEmpty() || text == issue.code ? head : head + QStringLiteral(": ") + text);
    }
    return parts.join(QStringLiteral("; "));
}

std::optional<OperationOutcome> OperationOutcome::parse(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonObject json = doc.object();
    if (json.value(QLatin1String("resourceType")).toString() != QLatin1String("OperationOutcome")) {
        return std::nullopt;
    }
    OperationOutcome outcome;
    for (const QJsonValue &v : json.value(QLatin1String("issue")).toArray()) {
        const QJsonObject o = v.toObject();
        Issue issue;
        issue.severity = o.value(QLatin1String("severity")).toString();
        issue.code = o.value(QLatin1String("code")).toString();
        issue.diagnostics = o.value(QLatin1String("diagnostics")).toString().trimmed();
        const QJsonObject details = o.value(QLatin1String("details")).toObject();
        issue.details = details.value(QLatin1String("text")).toString().trimmed();
        if (issue.details.isEmpty()) {
            const QJsonObject coding = details.value(QLatin1String("coding")).toArray().at(0).toObject();
            issue.details = coding.value(QLatin1String("display")).toString();
            if (issue.details.isEmpty()) {
                issue.details = coding.value(QLatin1String("code")).toString();
            }
        }
        for (const QJsonValue &e : o.value(QLatin1String("expression")).toArray()) {
            issue.expression << e.toString();
        }
        outcome.issues.append(issue);
    }
    return outcome;
}
