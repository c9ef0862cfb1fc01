#pragma once

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

// Reads an export folder the way an analyst's pipeline would and compares it with the sandbox's truth: every
// resource of every NDJSON file, by type and id, with duplicates and stray files counted. Independent of the
// engine's own bookkeeping, so a test of the engine cannot pass because the engine agrees with itself.
class OutputScanner
{
public:
    explicit OutputScanner(const QString &exportDir);

    QHash<QString, QStringList> ids;        // output resources per resourceType, in file order
    QHash<QString, QStringList> deletedIds; // from deleted/ Bundles: "Type" -> ids
    int errorLines = 0;
    QStringList duplicates; // "Type/id" seen more than once
    QStringList problems;   // unreadable lines, .part files left over, …
    QStringList dataFiles;  // relative paths of every *.ndjson

    // Empty when the folder holds exactly the resources `truth` (GET /__truth/JOB) lists; otherwise a readable
    // list of what differs, for QVERIFY2.
    QString compare(const QJsonObject &truth) const;
    qint64 totalResources() const;
};
