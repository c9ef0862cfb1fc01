#pragma once

#include "auth/clientregistration.h"
#include "server/faultconfig.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

// Everything a sandbox run is made of. Unset optionals take the persona's defaults (e.g. Oracle's
// Retry-After 600), so `--persona oracle-health` alone reproduces the vendor.
struct SandboxConfig
{
    enum class AuthMode { None, Smart, ClientSecret, Static, Headers };
    enum class FileOrigin { Primary, Secondary };

    struct GroupSpec
    {
        QByteArray id;
        quint32 size = 0;
    };

    // Listening
    quint16 port = 0; // primary origin (FHIR base); 0 = ephemeral

    // Persona and time
    QByteArray persona = "standard";
    double timeScale = 1.0;                  // real waiting = logical waiting x timeScale; header values stay literal
    std::optional<int> polls;                // 202 answers before the manifest
    std::optional<double> jobSeconds;        // minimum job duration (logical seconds)
    std::optional<double> retryAfterSeconds; // Retry-After on 202 polls (logical seconds; sent in persona's unit)

    // Data
    quint64 seed = 1;
    quint32 patients = 200;
    qint64 resourceBytes = 0; // pad each resource line to at least this many bytes
    QList<GroupSpec> groups;  // in addition to demo (25) and all (population)
    std::optional<int> resourcesPerFile;
    int manifestPageSize = 0; // output+error+deleted entries per manifest page; 0 = one page
    int errorLines = 0;       // extra synthetic OperationOutcome lines in every export's error file

    // Files
    FileOrigin fileOrigin = FileOrigin::Primary;
    std::optional<double> fileTtlSeconds;
    int expiredStatus = 404; // or 410
    bool refreshLinks = true;
    bool chunked = false; // identity file bodies with chunked framing instead of Content-Length
    bool gzip = true;     // gzip file bodies when Accept-Encoding allows

    // Auth
    AuthMode auth = AuthMode::None;
    QString clientConfigPath;
    QList<ClientRegistration> clients;
    std::optional<double> tokenTtlSeconds;

    // Persona-specific
    double epicWindowSeconds = 86400;
    int rateLimitPerMinute = 250;
    bool oneupLegacy = false;
    int oneupAcceptedPolls = 0; // 1upHealth: in-progress polls answered 202 before switching to 200+JSON
    QByteArray oracleTenant = "ec2458f2-1e24-41c8-b71b-0e701af7583d";
    QByteArray athenaPractice = "195900";
    QMap<QByteArray, QByteArrayList> staged; // InteropiO: resource type -> staged ids ("*" = every id)
    bool stagedDefaults = true;              // InteropiO: stage demo patients + all Practitioners/Locations

    // Faults
    FaultConfig faults;

    // Process (executable only)
    double exitAfterIdleSeconds = 0;
    bool quiet = false;

    static QString authModeName(AuthMode mode);
    static std::optional<AuthMode> authModeFromName(const QString &name);
    // Reads clients from a --client-config JSON file into `clients`; returns an error message or empty.
    QString loadClientConfig();
};
