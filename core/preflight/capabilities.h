#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// What a server's CapabilityStatement (GET [base]/metadata) says about bulk export: who made it, which resource
// types it serves, where $export is declared, which types or search parameters the STU3
// `operation-not-supported` extension excludes from bulk, and the SMART token URL of older servers (oauth-uris).
struct ServerCapabilities
{
    QString fhirVersion;
    QString softwareName;
    QString softwareVersion;
    QString publisher;
    QStringList resourceTypes;                // rest.resource.type
    QStringList exportLevels;                 // "system", "patient", "group" where an export operation is declared
    QStringList notSupportedInBulk;           // types marked operation-not-supported
    QHash<QString, QStringList> searchParams; // type → search parameters (usable in _typeFilter)
    QUrl tokenUrl;                            // oauth-uris "token" extension

    static std::optional<ServerCapabilities> parse(const QByteArray &body, QString *error);
};
