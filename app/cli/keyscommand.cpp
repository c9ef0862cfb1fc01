#include "keyscommand.h"

#include "cliservices.h"
#include "exitcodes.h"
#include "subcommand.h"

#include "auth/signingkey.h"
#include "store/profilestore.h"
#include "store/secretstore.h"
#include "util/privatefiles.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("KeysCommand", text);
}

using Subcommand::fail;
using Subcommand::parse;

// The public JWKS goes to --jwks-out, or stdout. Public keys are not secret: 0644 is fine, but the file is
// created owner-only like everything else and the user may share it as they wish.
int emitJwks(const QCommandLineParser &parser, const SigningKey &key, const QString &kid)
{
    const QByteArray jwks = key.publicJwks(kid);
    if (!parser.isSet(QStringLiteral("jwks-out"))) {
        QTextStream(stdout) << jwks;
        return ExitSuccess;
    }
    QFile file(parser.value(QStringLiteral("jwks-out")));
    QString error;
    if (!PrivateFiles::open(file, QIODevice::WriteOnly | QIODevice::Truncate, &error) ||
        file.write(jwks) != jwks.size()) {
        return fail(error.isEmpty() ? file.errorString() : error, ExitLocal);
    }
    QTextStream(stderr) << tr("Public JWKS written to %1. Upload it to the vendor, or host it at the profile's JWKS "
                              "URL (see README: Keys).\n")
                               .arg(file.fileName());
    return ExitSuccess;
}

} // namespace

KeysCommand::KeysCommand(CliServices *services)
    : m_services(services)
{
}

int KeysCommand::run(const QStringList &args)
{
    const QString sub = args.value(1);
    QStringList rest = args;
    if (rest.size() > 1) {
        rest.removeAt(1);
    }
    if (sub == QLatin1String("generate")) {
        return generate(rest);
    }
    if (sub == QLatin1String("import")) {
        return import(rest);
    }
    if (sub == QLatin1String("jwks")) {
        return jwks(rest);
    }
    return fail(tr("keys takes generate, import or jwks."));
}

int KeysCommand::generate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Generates an RS384 or ES384 key pair for SMART Backend Services."));
    parser.addOptions(
        {{QStringLiteral("alg"), tr("RS384 or ES384 (default ES384)."), QStringLiteral("alg")},
         {QStringLiteral("profile"), tr("Store the private key in this profile's keychain slot."),
          QStringLiteral("profile")},
         {QStringLiteral("private-key-out"), tr("Write the private key (PEM) to this file (0600)."),
          QStringLiteral("path")},
         {QStringLiteral("jwks-out"), tr("Write the public JWKS here (default: stdout)."), QStringLiteral("path")},
         {QStringLiteral("kid"), tr("Key id (default: the RFC 7638 thumbprint)."), QStringLiteral("kid")}});
    int exit = ExitSuccess;
    if (!parse(parser, args, &exit)) {
        return exit;
    }
    if (!parser.isSet(QStringLiteral("profile")) && !parser.isSet(QStringLiteral("private-key-out"))) {
        return fail(tr("Say where the private key goes: --profile NAME (keychain) or --private-key-out PATH."));
    }
    const auto alg = SigningKey::algorithmFromName(
        parser.isSet(QStringLiteral("alg")) ? parser.value(QStringLiteral("alg")).toUpper() : QStringLiteral("ES384"));
    if (!alg) {
        return fail(tr("--alg must be RS384 or ES384."));
    }
    QString error;
    std::optional<ServerProfile> profile;
    if (parser.isSet(QStringLiteral("profile"))) {
        profile = m_services->findProfile(parser.value(QStringLiteral("profile")), &error);
        if (!profile) {
            return fail(error);
        }
        if (!m_services->secrets()->isPersistent()) {
            return fail(tr("No system keychain is available to keep the private key; use --private-key-out instead."),
                        ExitLocal);
        }
    }
    const SigningKey key = SigningKey::generate(*alg, &error);
    if (key.isNull()) {
        return fail(error, ExitLocal);
    }
    if (parser.isSet(QStringLiteral("private-key-out"))) {
        QFile file(parser.value(QStringLiteral("private-key-out")));
        if (!PrivateFiles::open(file, QIODevice::WriteOnly | QIODevice::Truncate, &error) ||
            file.write(key.privateKeyPem()) != key.privateKeyPem().size()) {
            return fail(error.isEmpty() ? file.errorString() : error, ExitLocal);
        }
    }
    QString kid = parser.value(QStringLiteral("kid"));
    if (profile) {
        error = m_services->writeSecret(SecretStore::key(profile->id, QLatin1String(SecretStore::kPrivateKey)),
                                        QString::fromLatin1(key.privateKeyPem()));
        if (!error.isEmpty()) {
            return fail(error, ExitLocal);
        }
        profile->algorithm = SigningKey::algorithmName(*alg);
        profile->authMethod = AuthMethod::SmartBackend;
        if (!kid.isEmpty()) {
            profile->kid = kid;
        }
        kid = profile->kid;
        if (!m_services->profiles(&error)->save(*profile, &error)) {
            return fail(error, ExitLocal);
        }
        QTextStream(stderr) << tr("The private key is in the keychain for profile %1.\n").arg(profile->id);
    }
    return emitJwks(parser, key, kid);
}

int KeysCommand::import(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("profile"), tr("The profile whose key this is."), QStringLiteral("profile")},
         {QStringLiteral("pem"), tr("The private key file (PEM, RSA ≥ 2048 or EC P-384)."), QStringLiteral("path")},
         {QStringLiteral("jwks-out"), tr("Also write the public JWKS here."), QStringLiteral("path")}});
    int exit = ExitSuccess;
    if (!parse(parser, args, &exit)) {
        return exit;
    }
    QString error;
    auto profile = m_services->findProfile(parser.value(QStringLiteral("profile")), &error);
    if (!profile) {
        return fail(error);
    }
    QFile file(parser.value(QStringLiteral("pem")));
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    }
    const SigningKey key = SigningKey::fromPem(file.readAll(), &error);
    if (key.isNull()) {
        return fail(error);
    }
    if (!m_services->secrets()->isPersistent()) {
        return fail(tr("No system keychain is available to keep the key; pass it on each run with --private-key-file."),
                    ExitLocal);
    }
    error = m_services->writeSecret(SecretStore::key(profile->id, QLatin1String(SecretStore::kPrivateKey)),
                                    QString::fromLatin1(key.privateKeyPem()));
    if (!error.isEmpty()) {
        return fail(error, ExitLocal);
    }
    profile->algorithm = SigningKey::algorithmName(key.algorithm());
    profile->authMethod = AuthMethod::SmartBackend;
    if (!m_services->profiles(&error)->save(*profile, &error)) {
        return fail(error, ExitLocal);
    }
    QTextStream(stderr) << tr("Imported the key into the keychain for profile %1.\n").arg(profile->id);
    return parser.isSet(QStringLiteral("jwks-out")) ? emitJwks(parser, key, profile->kid) : ExitSuccess;
}

int KeysCommand::jwks(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("profile"), tr("The profile whose public key to export."), QStringLiteral("profile")},
         {QStringLiteral("jwks-out"), tr("Write the public JWKS here (default: stdout)."), QStringLiteral("path")}});
    int exit = ExitSuccess;
    if (!parse(parser, args, &exit)) {
        return exit;
    }
    QString error;
    const auto profile = m_services->findProfile(parser.value(QStringLiteral("profile")), &error);
    if (!profile) {
        return fail(error);
    }
    const auto pem =
        m_services->readSecret(SecretStore::key(profile->id, QLatin1String(SecretStore::kPrivateKey)), &error);
    if (!pem) {
        return fail(tr("Profile %1 has no private key in the keychain: %2").arg(profile->id, error), ExitAuth);
    }
    const SigningKey key = SigningKey::fromPem(pem->toLatin1(), &error);
    if (key.isNull()) {
        return fail(error, ExitAuth);
    }
    return emitJwks(parser, key, profile->kid);
}
