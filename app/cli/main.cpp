#include "cliapplication.h"

#include <QCoreApplication>

#include <sys/stat.h>

int main(int argc, char *argv[])
{
    // Everything Ferry writes holds patient data or credentials: owner-only from the first byte.
    ::umask(077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Ferry"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    CliApplication cli;
    return cli.run(QCoreApplication::arguments());
}
