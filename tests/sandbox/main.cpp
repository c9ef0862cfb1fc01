// ferry-sandbox: thin executable over the ferry_sandbox library (see server/commandline.cpp for the flags).
#include "server/commandline.h"
#include "server/sandboxserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

// SIGTERM / SIGINT end the event loop through a socket pair: the only async-signal-safe way into Qt.
void installSignalHandlers(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        return;
    }
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte = 0;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &byte, 1);
        app.quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ferry-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    qSetMessagePattern(QStringLiteral("ferry-sandbox: %{message}"));

    const CommandLine::Result cli = CommandLine::parse(QCoreApplication::arguments());
    if (cli.exitNow) {
        std::fputs(cli.text.toLocal8Bit().constData(), cli.exitCode == 0 ? stdout : stderr);
        return cli.exitCode;
    }

    SandboxServer server(cli.config);
    QString error;
    if (!server.listen(&error)) {
        std::fprintf(stderr, "ferry-sandbox: %s\n", error.toLocal8Bit().constData());
        return 1;
    }
    installSignalHandlers(app);

    const QByteArray line = server.startupJson() + '\n';
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stdout);
    std::fflush(stdout);
    qInfo("persona %s, %u patients, seed %llu, auth %s; FHIR base %s", server.config().persona.constData(),
          server.config().patients, static_cast<unsigned long long>(server.config().seed),
          qPrintable(SandboxConfig::authModeName(server.config().auth)), qPrintable(server.fhirBase().toString()));

    QTimer idle;
    if (cli.config.exitAfterIdleSeconds > 0) {
        idle.setSingleShot(true);
        idle.setInterval(static_cast<int>(cli.config.exitAfterIdleSeconds * 1000));
        QObject::connect(&idle, &QTimer::timeout, &app, [&app, &idle, &server] {
            if (server.isBusy()) {
                idle.start(); // a long download is not idleness
                return;
            }
            qInfo("idle: exiting");
            app.quit();
        });
        QObject::connect(&server, &SandboxServer::requestFinished, &idle, qOverload<>(&QTimer::start));
        idle.start();
    }
    const int rc = QCoreApplication::exec();
    server.close();
    qInfo("stopped");
    return rc;
}
