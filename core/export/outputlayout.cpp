#include "export/outputlayout.h"

#include <QDir>
#include <QRegularExpression>

QString OutputLayout::safeComponent(const QString &text)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    QString out = text;
    out.replace(unsafe, QStringLiteral("_"));
    while (out.startsWith(QLatin1Char('.'))) {
        out.remove(0, 1); // no hidden files, no "." or ".."
    }
    out = out.left(80);
    return out.isEmpty() ? QStringLiteral("_") : out;
}

QString OutputLayout::exportDirectory(const QString &destination, const QString &profileName,
                                      const ExportRequest &request, const QDateTime &startedUtc)
{
    QString scope;
    switch (request.level) {
    case ExportLevel::Group:
        scope = QStringLiteral("group-") + request.groupId;
        break;
    case ExportLevel::ResourceType:
        scope = QStringLiteral("type-") + request.resourceType;
        break;
    case ExportLevel::Patient:
        scope = QStringLiteral("patients");
        break;
    case ExportLevel::System:
        scope = QStringLiteral("system");
        break;
    }
    const QString profile = profileName.isEmpty() ? request.base.host() : profileName;
    return QDir::cleanPath(destination + QLatin1Char('/') + safeComponent(profile) + QLatin1Char('/') +
                           safeComponent(scope) + QLatin1Char('/') +
                           startedUtc.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")));
}

QString OutputLayout::prefix(ManifestEntry::Kind kind, const QString &type)
{
    const QString base =
        safeComponent(type.isEmpty() ? (kind == ManifestEntry::Kind::Error     ? QStringLiteral("OperationOutcome")
                                        : kind == ManifestEntry::Kind::Deleted ? QStringLiteral("Bundle")
                                                                               : QStringLiteral("output"))
                                     : type);
    switch (kind) {
    case ManifestEntry::Kind::Error:
        return QStringLiteral("errors/") + base;
    case ManifestEntry::Kind::Deleted:
        return QStringLiteral("deleted/") + base;
    case ManifestEntry::Kind::Output:
        break;
    }
    return base;
}

QString OutputLayout::nextName(ManifestEntry::Kind kind, const QString &type)
{
    const QString p = prefix(kind, type);
    const int n = ++m_sequences[p];
    return p + QStringLiteral(".%1.ndjson").arg(n, 6, 10, QLatin1Char('0'));
}

void OutputLayout::remember(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^(.*)\\.(\\d+)\\.ndjson$"));
    const auto m = pattern.match(name);
    if (m.hasMatch()) {
        int &seq = m_sequences[m.captured(1)];
        seq = std::max(seq, m.captured(2).toInt());
    }
}
