#include "profilescommand.h"

#include "cliservices.h"
#include "exitcodes.h"
#include "exportoptions.h"
#include "subcommand.h"

#include "auth/signingkey.h"
#include "store/externalsecret.h"
#include "store/profilestore.h"
#include "store/secretstore.h"
#include "vendor/vendorregistry.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QCoreApplication>
#include <QTextStream>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ProfilesCommand", text);
}

using Subcommand::fail;
using Subcommand::parse;

} // namespace

ProfilesCommand::ProfilesCommand(CliServices *services)
    : m_services(services)
{
}

int ProfilesCommand::run(const QStringList &args)
{
    const QString sub = args.value(1);
    QStringList rest = args;
    if (rest.size() > 1) {
        rest.removeAt(1);
    }
    if (sub == QLatin1String("list") || sub.isEmpty()) {
        return list();
    }
    if (sub == QLatin1String("show")) {
        return show(rest);
    }
    if (sub == QLatin1String("add")) {
        return add(rest);
    }
    if (sub == QLatin1String("remove")) {
        return remove(rest);
    }
    return fail(tr("profiles takes list, show, add or remove."));
}

int ProfilesCommand::list()
{
    QString error;
    ProfileStore *store = m_services->profiles(&error);
    if (!store) {
        return fail(error, ExitLocal);
    }
    QTextStream out(stdout);
    if (store->profiles().isEmpty()) {
        out << tr("No server profiles yet; add one with `ferry-cli profiles add --help`.\n");
    }
    for (const ServerProfile &p : store->profiles()) {
        out << QStringLiteral("%1  %2  %3  %4  %5\n")
                   .arg(p.id.leftJustified(20), p.displayName.leftJustified(24), p.fhirBase.toString(), p.vendorId,
                        ServerProfile::authMethodName(p.authMethod));
    }
    return ExitSuccess;
}

std::optional<ServerProfile> ProfilesCommand::namedProfile(const QStringList &args, int *exit)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("profile"), tr("Profile id or name."));
    if (!parse(parser, args, exit)) {
        return std::nullopt;
    }
    QString error;
    auto p = m_services->findProfile(parser.positionalArguments().value(0), &error);
    if (!p) {
        *exit = fail(error);
    }
    return p;
}

int ProfilesCommand::show(const QStringList &args)
{
    int exit = ExitSuccess;
    const auto p = namedProfile(args, &exit);
    if (!p) {
        return exit;
    }
    QTextStream out(stdout);
    out << QJsonDocument(p->toJson()).toJson(QJsonDocument::Indented);
    QStringList warnings;
    for (const QString &problem : p->problems(VendorRegistry::instance().profile(p->vendorId), &warnings)) {
        out << tr("Problem: %1\n").arg(problem);
    }
    for (const QString &w : std::as_const(warnings)) {
        out << tr("Warning: %1\n").arg(w);
    }
    out << tr("Secrets (in %1): %2\n")
               .arg(m_services->secrets()->description(),
                    p->secretNames().isEmpty() ? tr("none") : p->secretNames().join(QStringLiteral(", ")));
    return ExitSuccess;
}

int ProfilesCommand::add(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Adds (or replaces) a server profile. Secrets are read from files or "
                                        "environment variables and stored in the system keychain."));
    parser.addOptions({
        {QStringLiteral("name"), tr("What you call the server."), QStringLiteral("name")},
        {QStringLiteral("id"), tr("Stable id (default: made from the name)."), QStringLiteral("id")},
        {QStringLiteral("base"), tr("FHIR base URL (https; http only for this computer)."), QStringLiteral("url")},
        {QStringLiteral("vendor"), ExportOptions::vendorHelp(), QStringLiteral("id")},
        {QStringLiteral("auth"), tr("none, static-token, smart, client-secret or headers (default: the preset's)."),
         QStringLiteral("method")},
        {QStringLiteral("client-id"), tr("OAuth client id."), QStringLiteral("id")},
        {QStringLiteral("token-url"), tr("Token endpoint, when discovery cannot find it."), QStringLiteral("url")},
        {QStringLiteral("scope"), tr("Scopes to ask for (default: the preset's, e.g. system/*.read)."),
         QStringLiteral("scopes")},
        {QStringLiteral("alg"), tr("RS384 or ES384 (SMART)."), QStringLiteral("alg")},
        {QStringLiteral("kid"), tr("Key id the server knows the key by (default: its RFC 7638 thumbprint)."),
         QStringLiteral("kid")},
        {QStringLiteral("jwks-url"), tr("Where your public JWKS is hosted; sent as jku."), QStringLiteral("url")},
        {QStringLiteral("secret-in-body"), tr("Send the client secret as form fields instead of HTTP Basic.")},
        {QStringLiteral("header"), tr("A non-secret header, NAME=VALUE (repeatable)."), QStringLiteral("name=value")},
        {QStringLiteral("secret-header"), tr("A header whose value is secret, NAME=env:VARIABLE or NAME=file:PATH."),
         QStringLiteral("spec")},
        {QStringLiteral("group"), tr("A group to export, ID or ID=LABEL (repeatable)."), QStringLiteral("group")},
        {QStringLiteral("type"), tr("Default _type list, comma-separated."), QStringLiteral("types")},
        {QStringLiteral("out"), tr("Default destination folder."), QStringLiteral("dir")},
        {QStringLiteral("private-key-file"), tr("Store this PEM private key (SMART)."), QStringLiteral("path")},
        {QStringLiteral("generate-key"), tr("Generate a key pair (SMART) and print its public JWKS.")},
        {QStringLiteral("client-secret-file"), tr("Store the client secret read from <path>."), QStringLiteral("path")},
        {QStringLiteral("client-secret-env"), tr("Store the client secret from this environment variable."),
         QStringLiteral("name")},
        {QStringLiteral("token-file"), tr("Store the static bearer token read from <path>."), QStringLiteral("path")},
        {QStringLiteral("token-env"), tr("Store the static bearer token from this environment variable."),
         QStringLiteral("name")},
    });
    int exit = ExitSuccess;
    if (!parse(parser, args, &exit)) {
        return exit;
    }
    QString error;
    ProfileStore *store = m_services->profiles(&error);
    if (!store) {
        return fail(error, ExitLocal);
    }
    if (!parser.isSet(QStringLiteral("name")) || !parser.isSet(QStringLiteral("base"))) {
        return fail(tr("profiles add needs at least --name and --base."));
    }
    ServerProfile p;
    p.displayName = parser.value(QStringLiteral("name"));
    // Adding a name that exists updates that profile, keeping what the command line does not change.
    QString ignored;
    const auto existing = parser.isSet(QStringLiteral("id")) ? store->profile(parser.value(QStringLiteral("id")))
                                                             : m_services->findProfile(p.displayName, &ignored);
    if (existing) {
        p = *existing;
        p.displayName = parser.value(QStringLiteral("name"));
    } else {
        p.id = parser.isSet(QStringLiteral("id")) ? parser.value(QStringLiteral("id"))
                                                  : ServerProfile::makeId(p.displayName, store->ids());
    }
    p.fhirBase = QUrl(parser.value(QStringLiteral("base")), QUrl::StrictMode);
    if (parser.isSet(QStringLiteral("vendor"))) {
        if (!VendorRegistry::instance().contains(parser.value(QStringLiteral("vendor")))) {
            return fail(tr("Unknown vendor preset \"%1\".").arg(parser.value(QStringLiteral("vendor"))));
        }
        p.vendorId = parser.value(QStringLiteral("vendor"));
    }
    const VendorProfile vendor = VendorRegistry::instance().profile(p.vendorId);
    if (parser.isSet(QStringLiteral("auth")) || !existing) {
        const QString method =
            parser.isSet(QStringLiteral("auth")) ? parser.value(QStringLiteral("auth")) : vendor.defaultAuthMethod;
        const auto authMethod = ServerProfile::authMethodFromName(method);
        if (!authMethod) {
            return fail(
                tr("Unknown --auth \"%1\" (use none, static-token, smart, client-secret or headers).").arg(method));
        }
        p.authMethod = *authMethod;
    }
    auto set = [&parser](const char *option, QString *field) {
        if (parser.isSet(QLatin1String(option))) {
            *field = parser.value(QLatin1String(option));
        }
    };
    set("client-id", &p.clientId);
    set("scope", &p.scope);
    set("alg", &p.algorithm);
    set("kid", &p.kid);
    set("out", &p.destination);
    if (parser.isSet(QStringLiteral("token-url"))) {
        p.tokenUrl = QUrl(parser.value(QStringLiteral("token-url")), QUrl::StrictMode);
    }
    if (parser.isSet(QStringLiteral("jwks-url"))) {
        p.jwksUrl = QUrl(parser.value(QStringLiteral("jwks-url")), QUrl::StrictMode);
    }
    p.secretInBody = parser.isSet(QStringLiteral("secret-in-body")) || p.secretInBody;
    if (parser.isSet(QStringLiteral("type"))) {
        p.defaultTypes = parser.value(QStringLiteral("type")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    if (parser.isSet(QStringLiteral("group"))) {
        p.groups.clear();
        for (const QString &g : parser.values(QStringLiteral("group"))) {
            p.groups.append({g.section(QLatin1Char('='), 0, 0), g.section(QLatin1Char('='), 1)});
        }
    }
    // Secrets to store, by secret name.
    QList<QPair<QString, QString>> secrets;
    auto external = [&](const char *fileOption, const char *envOption, const char *secretName) -> bool {
        std::optional<ExternalSecret> source;
        if (parser.isSet(QLatin1String(fileOption))) {
            source = ExternalSecret::file(parser.value(QLatin1String(fileOption)));
        } else if (envOption && parser.isSet(QLatin1String(envOption))) {
            source = ExternalSecret::environment(parser.value(QLatin1String(envOption)));
        }
        if (source) {
            const auto value = source->read(&error);
            if (!value) {
                return false;
            }
            secrets.append({QLatin1String(secretName), *value});
        }
        return true;
    };
    if (!external("private-key-file", nullptr, SecretStore::kPrivateKey) ||
        !external("client-secret-file", "client-secret-env", SecretStore::kClientSecret) ||
        !external("token-file", "token-env", SecretStore::kToken)) {
        return fail(error);
    }
    if (parser.isSet(QStringLiteral("header"))) {
        p.headers.clear();
    }
    for (const QString &h : parser.values(QStringLiteral("header"))) {
        p.headers.append({h.section(QLatin1Char('='), 0, 0), h.section(QLatin1Char('='), 1), false});
    }
    for (const QString &spec : parser.values(QStringLiteral("secret-header"))) {
        const QString name = spec.section(QLatin1Char('='), 0, 0);
        const QString where = spec.section(QLatin1Char('='), 1);
        const ExternalSecret source = where.startsWith(QLatin1String("file:"))
                                          ? ExternalSecret::file(where.mid(5))
                                          : ExternalSecret::environment(where.section(QLatin1Char(':'), -1));
        const auto value = source.read(&error);
        if (!value) {
            return fail(error);
        }
        p.headers.removeIf(
            [&name](const ProfileHeader &ph) { return ph.name.compare(name, Qt::CaseInsensitive) == 0; });
        p.headers.append({name, QString(), true});
        secrets.append({SecretStore::headerSecretName(name), *value});
    }
    SigningKey generated;
    if (parser.isSet(QStringLiteral("generate-key"))) {
        const auto alg = SigningKey::algorithmFromName(p.algorithm.isEmpty() ? QStringLiteral("ES384") : p.algorithm);
        if (!alg) {
            return fail(tr("--alg must be RS384 or ES384."));
        }
        generated = SigningKey::generate(*alg, &error);
        if (generated.isNull()) {
            return fail(error, ExitLocal);
        }
        p.algorithm = SigningKey::algorithmName(*alg);
        secrets.append({QLatin1String(SecretStore::kPrivateKey), QString::fromLatin1(generated.privateKeyPem())});
    }

    QStringList warnings;
    const QStringList problems = p.problems(vendor, &warnings);
    if (!problems.isEmpty()) {
        return fail(problems.join(QLatin1Char(' ')));
    }
    if (!secrets.isEmpty() && !m_services->secrets()->isPersistent()) {
        return fail(tr("No system keychain is available, so the secrets cannot be stored. Keep them in a file or an "
                       "environment variable and pass them on each run (--private-key-file, --client-secret-env, "
                       "--token-file, --header-secret-env)."),
                    ExitLocal);
    }
    for (const auto &[name, value] : std::as_const(secrets)) {
        const QString e = m_services->writeSecret(SecretStore::key(p.id, name), value);
        if (!e.isEmpty()) {
            return fail(e, ExitLocal);
        }
    }
    if (!store->save(p, &error)) {
        return fail(error, ExitLocal);
    }
    for (const QString &w : std::as_const(warnings)) {
        QTextStream(stderr) << "ferry-cli: warning: " << w << '\n';
    }
    QTextStream(stderr) << tr("Saved profile %1 (%2).\n").arg(p.id, p.displayName);
    if (!generated.isNull()) {
        QTextStream(stderr) << tr("Register this public JWKS with the server (or host it at the JWKS URL):\n");
        QTextStream(stdout) << generated.publicJwks(p.kid);
    }
    return ExitSuccess;
}

int ProfilesCommand::remove(const QStringList &args)
{
    int exit = ExitSuccess;
    const auto p = namedProfile(args, &exit);
    if (!p) {
        return exit;
    }
    const QString error = m_services->removeProfile(p->id);
    if (!error.isEmpty()) {
        return fail(error, ExitLocal);
    }
    QTextStream(stderr) << tr("Removed profile %1 and its secrets.\n").arg(p->id);
    return ExitSuccess;
}
