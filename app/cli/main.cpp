#include "cliapplication.h"
#include "clilog.h"

#include <QCoreApplication>

#include <sys/stat.h>

int main(int argc, char *argv[])
{
    // Everything Ferry writes holds patient data or credentials: owner-only from the first byte.
    ::umask(077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Ferry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    const QStringList args = QCoreApplication::arguments();
    const bool verbose = args.contains(QStringLiteral("--verbose")) || args.contains(QStringLiteral("-v"));
    CliLog::install(verbose);
    QStringList rest = args;
    rest.removeAll(QStringLiteral("--verbose"));
    rest.removeAll(QStringLiteral("-v"));
    CliApplication cli;
    return cli.run(rest);
}
