#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

struct VendorProfile;

// How Ferry proves its identity to one server.
enum class AuthMethod {
    None,         // open servers, the sandbox without auth
    StaticToken,  // a pasted bearer token (secret "token")
    SmartBackend, // SMART Backend Services, RS384/ES384 client assertion (secret "private-key")
    ClientSecret, // client_credentials with a client secret (secret "client-secret")
    Headers,      // fixed vendor header pairs, some of them secret (secrets "header/<name>")
};

// One header of the Headers method. A secret header's value lives in the secret store, never here.
struct ProfileHeader
{
    QString name;
    QString value; // non-secret values only (1upHealth's x-oneup-user-id: client); empty when secret
    bool secret = false;
};

// A patient group the user exports, as the server names it.
struct ProfileGroup
{
    QString id;
    QString label;
};

// One FHIR server the analyst exports from: where it is, which vendor quirks apply, how to authenticate (the
// non-secret half), and the defaults of its export form. A plain value; ProfileStore persists it as JSON.
//
// It holds no secret by construction: no field can carry a key, a client secret or a token. Those live in the
// SecretStore under "<id>/<name>" (secretNames()).
struct ServerProfile
{
    QString id;          // stable, file- and key-safe ("epic-prod"); never changes after creation
    QString displayName; // what the user calls it
    QUrl fhirBase;       // https (http only for loopback)
    QString vendorId = QStringLiteral("generic");

    AuthMethod authMethod = AuthMethod::SmartBackend;
    QString clientId;
    QUrl tokenUrl;             // override of discovery (tenant-specific token URLs)
    QString scope;             // empty: the vendor's default
    QString algorithm;         // "RS384" / "ES384"; empty: whatever the stored key is
    QString kid;               // empty: the key's RFC 7638 thumbprint
    QUrl jwksUrl;              // where the public JWKS is hosted; sent as the assertion's jku
    bool secretInBody = false; // client secret as form fields instead of HTTP Basic
    QList<ProfileHeader> headers;

    QList<ProfileGroup> groups;
    QStringList defaultTypes; // the export form's initial _type selection
    QString destination;      // output folder
    std::optional<std::chrono::seconds> pollMinimum;
    std::optional<std::chrono::seconds> pollMaximum;
    std::optional<int> parallelDownloads;
    std::optional<bool> deleteAfterDownload;

    // Names (not keys) of the secrets this profile's auth method uses, e.g. {"private-key"}.
    QStringList secretNames() const;
    // Every name any method of this profile could have left in the store (for deletion).
    QStringList allSecretNames() const;

    // What stops the profile from working, in sentences (empty: usable). `warnings` gets what merely looks wrong
    // (Epic without a JWKS URL, an algorithm the vendor does not accept…).
    QStringList problems(const VendorProfile &vendor, QStringList *warnings = nullptr) const;

    QJsonObject toJson() const;
    // Keys Ferry does not know are ignored; a key that looks like a secret is reported in `warnings` and dropped.
    static std::optional<ServerProfile> fromJson(const QJsonObject &json, QString *error,
                                                 QStringList *warnings = nullptr);

    // A readable id from `displayName` ("Epic – Production" → "epic-production"), unique among `taken`.
    static QString makeId(const QString &displayName, const QStringList &taken);
    static bool isValidId(const QString &id);
    static bool isLoopback(const QUrl &url);

    static QString authMethodName(AuthMethod method);
    static std::optional<AuthMethod> authMethodFromName(const QString &name);
};
