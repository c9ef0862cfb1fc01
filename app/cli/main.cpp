#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ferry-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    QTextStream(stdout) << "ferry-cli " << QCoreApplication::applicationVersion() << '\n';
    return 0;
}
