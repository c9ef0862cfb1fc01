#include "outputscanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

OutputScanner::OutputScanner(const QString &exportDir)
{
    const QDir root(exportDir);
    QDirIterator it(exportDir, QDir::Files, QDirIterator::Subdirectories);
    QSet<QString> seen;
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = root.relativeFilePath(path);
        if (rel.endsWith(QLatin1String(".part"))) {
            problems << QStringLiteral("partial file left: ") + rel;
            continue;
        }
        if (!rel.endsWith(QLatin1String(".ndjson")) || rel.startsWith(QLatin1String("rejected/"))) {
            continue;
        }
        dataFiles << rel;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            problems << QStringLiteral("cannot read ") + rel;
            continue;
        }
        int lineNo = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            ++lineNo;
            if (line.isEmpty()) {
                continue;
            }
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QString type = o.value(QLatin1String("resourceType")).toString();
            if (type.isEmpty()) {
                problems << QStringLiteral("%1:%2 is not a resource").arg(rel).arg(lineNo);
                continue;
            }
            if (rel.startsWith(QLatin1String("errors/"))) {
                ++errorLines;
            } else if (rel.startsWith(QLatin1String("deleted/"))) {
                for (const QJsonValue &e : o.value(QLatin1String("entry")).toArray()) {
                    const QString url =
                        e.toObject().value(QLatin1String("request")).toObject().value(QLatin1String("url")).toString();
                    deletedIds[url.section(QLatin1Char('/'), 0, 0)] << url.section(QLatin1Char('/'), 1);
                }
            } else {
                const QString id = o.value(QLatin1String("id")).toString();
                const QString key = type + QLatin1Char('/') + id;
                if (seen.contains(key)) {
                    duplicates << key;
                }
                seen.insert(key);
                ids[type] << id;
            }
        }
    }
    dataFiles.sort();
}

qint64 OutputScanner::totalResources() const
{
    qint64 n = 0;
    for (const QStringList &list : ids) {
        n += list.size();
    }
    return n;
}

QString OutputScanner::compare(const QJsonObject &truth) const
{
    QStringList diff;
    diff << problems;
    if (!duplicates.isEmpty()) {
        diff << QStringLiteral("%1 duplicate resources, e.g. %2").arg(duplicates.size()).arg(duplicates.first());
    }
    const QJsonObject types = truth.value(QLatin1String("types")).toObject();
    QSet<QString> allTypes(ids.keyBegin(), ids.keyEnd());
    for (auto it = types.begin(); it != types.end(); ++it) {
        allTypes.insert(it.key());
    }
    for (const QString &type : std::as_const(allTypes)) {
        QStringList expected;
        for (const QJsonValue &v : types.value(type).toObject().value(QLatin1String("ids")).toArray()) {
            expected << v.toString();
        }
        QStringList got = ids.value(type);
        got.sort();
        expected.sort();
        if (got != expected) {
            const QSet<QString> g(got.begin(), got.end());
            const QSet<QString> e(expected.begin(), expected.end());
            const QSet<QString> missing = e - g;
            const QSet<QString> extra = g - e;
            diff << QStringLiteral("%1: expected %2, got %3 (missing %4, unexpected %5%6)")
                        .arg(type)
                        .arg(expected.size())
                        .arg(got.size())
                        .arg(missing.size())
                        .arg(extra.size())
                        .arg(missing.isEmpty() ? QString() : QStringLiteral(", e.g. missing ") + *missing.begin());
        }
    }
    const QJsonObject deleted = truth.value(QLatin1String("deleted")).toObject();
    for (auto it = deleted.begin(); it != deleted.end(); ++it) {
        QStringList expected;
        for (const QJsonValue &v : it.value().toArray()) {
            expected << v.toString();
        }
        QStringList got = deletedIds.value(it.key());
        expected.sort();
        got.sort();
        if (expected != got) {
            diff
                << QStringLiteral("deleted %1: expected %2, got %3").arg(it.key()).arg(expected.size()).arg(got.size());
        }
    }
    return diff.join(QStringLiteral("; "));
}
