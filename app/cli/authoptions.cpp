#include "authoptions.h"

#include "auth/noauthorizer.h"
#include "auth/statictokenauthorizer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AuthOptions", text);
}
} // namespace

namespace AuthOptions {

void add(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("token-file"),
                      tr("Read a bearer token from <path> (first line). Use for servers that hand out tokens."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("token-env"), tr("Read a bearer token from the environment variable <name>."),
                      QStringLiteral("name")});
}

std::unique_ptr<Authorizer> create(const QCommandLineParser &parser, QString *error)
{
    QString token;
    if (parser.isSet(QStringLiteral("token-file"))) {
        QFile file(parser.value(QStringLiteral("token-file")));
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read the token file %1: %2").arg(file.fileName(), file.errorString());
            return nullptr;
        }
        token = QString::fromUtf8(file.readLine()).trimmed();
        if (token.isEmpty()) {
            *error = tr("The token file %1 is empty.").arg(file.fileName());
            return nullptr;
        }
    } else if (parser.isSet(QStringLiteral("token-env"))) {
        const QString name = parser.value(QStringLiteral("token-env"));
        token = qEnvironmentVariable(name.toLocal8Bit().constData()).trimmed();
        if (token.isEmpty()) {
            *error = tr("The environment variable %1 is not set or empty.").arg(name);
            return nullptr;
        }
    }
    if (token.isEmpty()) {
        return std::make_unique<NoAuthorizer>();
    }
    return std::make_unique<StaticTokenAuthorizer>(token);
}

} // namespace AuthOptions
