#include "export/kickoffremedy.h"

#include "fhir/exportrequest.h"
#include "net/httpfailure.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("KickoffRemedy", text);
}

// Where the server's words mention `name` as a parameter: a whole word, so _type does not match _typeFilter.
// "patient" is also an ordinary word ("patients in the group"), so only a quoted or "parameter patient" counts.
qsizetype mention(const QString &text, const QString &name)
{
    QString pattern;
    if (name == QLatin1String("patient")) {
        pattern = QStringLiteral("['\"`]patient['\"`]|parameter:?\\s+patient\\b|\\bpatient\\s+parameter");
    } else {
        pattern =
            QStringLiteral("(?<![A-Za-z0-9_])") + QRegularExpression::escape(name) + QStringLiteral("(?![A-Za-z0-9_])");
    }
    const QRegularExpression re(pattern, name == QLatin1String("patient") ? QRegularExpression::CaseInsensitiveOption
                                                                          : QRegularExpression::NoPatternOption);
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.capturedStart() : -1;
}

} // namespace

QStringList KickoffRemedy::parameterNames()
{
    return {QStringLiteral("_type"),
            QStringLiteral("_since"),
            QStringLiteral("_until"),
            QStringLiteral("_outputFormat"),
            QStringLiteral("_elements"),
            QStringLiteral("_typeFilter"),
            QStringLiteral("includeAssociatedData"),
            QStringLiteral("allowPartialManifests"),
            QStringLiteral("patient")};
}

QStringList KickoffRemedy::usedParameters(const ExportRequest &r)
{
    const QList<QPair<QString, bool>> used{
        {QStringLiteral("_type"), !r.types.isEmpty()},
        {QStringLiteral("_since"), r.since.has_value()},
        {QStringLiteral("_until"), r.until.has_value()},
        {QStringLiteral("_outputFormat"), !r.outputFormat.isEmpty()},
        {QStringLiteral("_elements"), !r.elements.isEmpty()},
        {QStringLiteral("_typeFilter"), !r.typeFilters.isEmpty()},
        {QStringLiteral("includeAssociatedData"), !r.includeAssociatedData.isEmpty()},
        {QStringLiteral("allowPartialManifests"), r.allowPartialManifests},
        {QStringLiteral("patient"), !r.patients.isEmpty()}};
    QStringList out;
    for (const auto &[name, isUsed] : used) {
        if (isUsed) {
            out << name;
        }
    }
    return out;
}

QString KickoffRemedy::rejectedParameter(const HttpFailure &failure, const ExportRequest &request)
{
    if (failure.kind != HttpFailure::Kind::Http || (failure.status != 400 && failure.status != 422)) {
        return {};
    }
    QString text = failure.outcome ? failure.outcome->summary() : QString();
    if (text.isEmpty()) {
        text = QString::fromUtf8(failure.bodyExcerpt.left(4096));
    }
    // The earliest mention wins: "_typeFilter requires _type" is about _typeFilter.
    QString found;
    qsizetype at = -1;
    for (const QString &name : usedParameters(request)) {
        const qsizetype pos = mention(text, name);
        if (pos >= 0 && (at < 0 || pos < at)) {
            at = pos;
            found = name;
        }
    }
    return found;
}

bool KickoffRemedy::apply(ExportRequest *request, QString *error) const
{
    ExportRequest r = *request;
    for (const QString &name : dropParameters) {
        if (name == QLatin1String("_type")) {
            r.types.clear();
        } else if (name == QLatin1String("_since")) {
            r.since.reset();
        } else if (name == QLatin1String("_until")) {
            r.until.reset();
        } else if (name == QLatin1String("_outputFormat")) {
            r.outputFormat.clear();
        } else if (name == QLatin1String("_elements")) {
            r.elements.clear();
        } else if (name == QLatin1String("_typeFilter")) {
            r.typeFilters.clear();
        } else if (name == QLatin1String("includeAssociatedData")) {
            r.includeAssociatedData.clear();
        } else if (name == QLatin1String("allowPartialManifests")) {
            r.allowPartialManifests = false;
        } else if (name == QLatin1String("patient")) {
            r.patients.clear();
        } else {
            *error = tr("\"%1\" is not a kick-off parameter Ferry sends (%2).")
                         .arg(name, parameterNames().join(QStringLiteral(", ")));
            return false;
        }
    }
    r.lenient = r.lenient || lenient;
    *request = r;
    return true;
}

QString KickoffRemedy::describe() const
{
    QStringList parts;
    if (lenient) {
        parts << tr("with Prefer: handling=lenient");
    }
    if (!dropParameters.isEmpty()) {
        parts << tr("without %1").arg(dropParameters.join(QStringLiteral(", ")));
    }
    return parts.join(tr(" and "));
}
