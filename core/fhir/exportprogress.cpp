#include "fhir/exportprogress.h"

#include <QRegularExpression>
#include <QStringList>

ExportProgress ExportProgress::fromHeader(const QByteArray &xProgress)
{
    ExportProgress p;
    p.text = QString::fromUtf8(xProgress).trimmed().left(100);
    if (p.text.isEmpty()) {
        return p;
    }
    static const QRegularExpression percent(QStringLiteral("(\\d+(?:\\.\\d+)?)\\s*%"));
    static const QRegularExpression fraction(QStringLiteral("(\\d+)\\s*(?:/|of)\\s*(\\d+)"));
    static const QRegularExpression count(QStringLiteral("^\\D{0,40}?(\\d+)(?!.*\\d)"));
    if (const auto m = percent.match(p.text); m.hasMatch()) {
        p.percent = std::clamp(m.captured(1).toDouble(), 0.0, 100.0);
    } else if (const auto f = fraction.match(p.text); f.hasMatch() && f.captured(2).toLongLong() > 0) {
        p.count = f.captured(1).toLongLong();
        p.percent = std::clamp(100.0 * f.captured(1).toDouble() / f.captured(2).toDouble(), 0.0, 100.0);
    } else if (const auto c = count.match(p.text); c.hasMatch()) {
        p.count = c.captured(1).toLongLong();
    }
    return p;
}

std::optional<ExportProgress> ExportProgress::fromRunningBody(const QJsonObject &body)
{
    const QString status = body.value(QLatin1String("status")).toString().trimmed();
    if (status.isEmpty()) {
        return std::nullopt;
    }
    static const QStringList running{QStringLiteral("in progress"), QStringLiteral("in-progress"),
                                     QStringLiteral("inprogress"),  QStringLiteral("running"),
                                     QStringLiteral("queued"),      QStringLiteral("pending"),
                                     QStringLiteral("started"),     QStringLiteral("scheduled"),
                                     QStringLiteral("processing"),  QStringLiteral("accepted")};
    if (!running.contains(status.toLower())) {
        return std::nullopt;
    }
    ExportProgress p;
    p.text = status;
    const QJsonObject batches = body.value(QLatin1String("batches")).toObject();
    const double total = batches.value(QLatin1String("total")).toDouble();
    if (total > 0) {
        const double complete = batches.value(QLatin1String("complete")).toDouble();
        p.percent = std::clamp(100.0 * complete / total, 0.0, 100.0);
        p.text += QStringLiteral(" (%1 of %2 batches)").arg(qint64(complete)).arg(qint64(total));
    }
    const QJsonValue resources = body.value(QLatin1String("resourceCount"));
    if (resources.isDouble()) {
        p.count = resources.toInteger();
    }
    return p;
}
