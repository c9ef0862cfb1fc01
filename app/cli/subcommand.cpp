#include "subcommand.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace Subcommand {

int fail(const QString &message, int code)
{
    QTextStream(stderr) << "ferry-cli: " << message << '\n';
    return code;
}

bool parse(QCommandLineParser &parser, const QStringList &args, int *exit)
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        *exit = fail(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        *exit = ExitSuccess;
        return false;
    }
    return true;
}

} // namespace Subcommand
