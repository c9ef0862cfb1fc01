#include "export/exporthistory.h"

#include "export/journal.h"
#include "util/privatefiles.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace {
QJsonObject readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(f.readAll()).object();
}
} // namespace

ExportHistory::ExportHistory(const QString &path)
    : m_path(path)
{
}

QString ExportHistory::defaultPath()
{
    return Journal::dataDirectory() + QStringLiteral("/history.json");
}

QString ExportHistory::key(const ExportRequest &request)
{
    QString base = request.base.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash | QUrl::RemoveQuery);
    QString scope = request.levelName();
    if (request.level == ExportLevel::Group) {
        scope += QLatin1Char('/') + request.groupId;
    } else if (request.level == ExportLevel::ResourceType) {
        scope += QLatin1Char('/') + request.resourceType;
    }
    return base + QLatin1Char(' ') + scope;
}

std::optional<ExportHistory::Entry> ExportHistory::last(const ExportRequest &request) const
{
    const QJsonObject o = readAll(m_path).value(key(request)).toObject();
    Entry e;
    e.transactionTime = QDateTime::fromString(o.value(QStringLiteral("transactionTime")).toString(), Qt::ISODateWithMs);
    if (!e.transactionTime.isValid()) {
        return std::nullopt;
    }
    e.exportId = o.value(QStringLiteral("exportId")).toString();
    e.outputDir = o.value(QStringLiteral("outputDir")).toString();
    return e;
}

bool ExportHistory::record(const ExportRequest &request, const Entry &entry, QString *error)
{
    if (!PrivateFiles::makeDirectory(QFileInfo(m_path).path(), error)) {
        return false;
    }
    QJsonObject all = readAll(m_path);
    all.insert(key(request), QJsonObject{{QStringLiteral("transactionTime"),
                                          entry.transactionTime.toUTC().toString(Qt::ISODateWithMs)},
                                         {QStringLiteral("exportId"), entry.exportId},
                                         {QStringLiteral("outputDir"), entry.outputDir}});
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.setPermissions(PrivateFiles::kFile);
    file.write(QJsonDocument(all).toJson());
    if (!file.commit()) {
        *error =
            QCoreApplication::translate("ExportHistory", "Cannot save the export history: %1").arg(file.errorString());
        return false;
    }
    return true;
}
