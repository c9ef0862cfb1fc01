#include "authoptions.h"

#include "auth/authorizerfactory.h"
#include "auth/noauthorizer.h"
#include "auth/statictokenauthorizer.h"
#include "store/externalsecret.h"
#include "store/secretstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AuthOptions", text);
}

// Reads the secret behind a --…-file or --…-env option pair; nullopt when neither is set (and no error).
std::optional<QString> readPair(const QCommandLineParser &parser, const QString &fileOption, const QString &envOption,
                                QString *error)
{
    std::optional<ExternalSecret> source;
    if (parser.isSet(fileOption)) {
        source = ExternalSecret::file(parser.value(fileOption));
    } else if (!envOption.isEmpty() && parser.isSet(envOption)) {
        source = ExternalSecret::environment(parser.value(envOption));
    }
    if (!source) {
        return std::nullopt;
    }
    QString warning;
    const auto value = source->read(error, &warning);
    if (!warning.isEmpty()) {
        QTextStream(stderr) << "ferry-cli: warning: " << warning << '\n';
    }
    return value;
}

} // namespace

namespace AuthOptions {

void add(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("token-file"), tr("Read a bearer token from <path> (its first line)."), QStringLiteral("path")},
        {QStringLiteral("token-env"), tr("Read a bearer token from the environment variable <name>."),
         QStringLiteral("name")},
        {QStringLiteral("private-key-file"),
         tr("With --profile: the SMART private key (PEM) from <path> instead of the keychain."),
         QStringLiteral("path")},
        {QStringLiteral("client-secret-file"),
         tr("With --profile: the client secret from <path> instead of the keychain."), QStringLiteral("path")},
        {QStringLiteral("client-secret-env"),
         tr("With --profile: the client secret from the environment variable <name>."), QStringLiteral("name")},
        {QStringLiteral("header-secret-env"),
         tr("With --profile: a secret header's value from an environment variable, as HEADER=VARIABLE (repeatable)."),
         QStringLiteral("header=name")},
        {QStringLiteral("header-secret-file"),
         tr("With --profile: a secret header's value from a file, as HEADER=PATH (repeatable)."),
         QStringLiteral("header=path")},
    });
}

std::unique_ptr<Authorizer> create(const QCommandLineParser &parser, QString *error)
{
    const auto token = readPair(parser, QStringLiteral("token-file"), QStringLiteral("token-env"), error);
    if (!error->isEmpty()) {
        return nullptr;
    }
    if (!token) {
        return std::make_unique<NoAuthorizer>();
    }
    return std::make_unique<StaticTokenAuthorizer>(*token);
}

bool applyOverrides(const QCommandLineParser &parser, AuthorizerFactory *factory, QString *error)
{
    const struct
    {
        const char *file;
        const char *env;
        const char *secret;
    } pairs[] = {{"token-file", "token-env", SecretStore::kToken},
                 {"private-key-file", "", SecretStore::kPrivateKey},
                 {"client-secret-file", "client-secret-env", SecretStore::kClientSecret}};
    for (const auto &p : pairs) {
        const auto value = readPair(parser, QLatin1String(p.file), QLatin1String(p.env), error);
        if (!error->isEmpty()) {
            return false;
        }
        if (value) {
            factory->setSecretOverride(QLatin1String(p.secret), *value);
        }
    }
    for (const char *option : {"header-secret-env", "header-secret-file"}) {
        for (const QString &assignment : parser.values(QLatin1String(option))) {
            const qsizetype eq = assignment.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                *error = tr("--%1 takes HEADER=%2.")
                             .arg(QLatin1String(option), QLatin1String(option).endsWith(QLatin1String("env"))
                                                             ? QStringLiteral("VARIABLE")
                                                             : QStringLiteral("PATH"));
                return false;
            }
            const QString where = assignment.mid(eq + 1);
            const ExternalSecret source = QLatin1String(option).endsWith(QLatin1String("env"))
                                              ? ExternalSecret::environment(where)
                                              : ExternalSecret::file(where);
            const auto value = source.read(error);
            if (!value) {
                return false;
            }
            factory->setSecretOverride(SecretStore::headerSecretName(assignment.left(eq)), *value);
        }
    }
    return true;
}

bool hasCredentials(const QCommandLineParser &parser)
{
    for (const char *o : {"token-file", "token-env", "private-key-file", "client-secret-file", "client-secret-env",
                          "header-secret-env", "header-secret-file"}) {
        if (parser.isSet(QLatin1String(o))) {
            return true;
        }
    }
    return false;
}

} // namespace AuthOptions
