// The desktop app's composition root: chooses the secret store (keychain, or session memory with a notice),
// creates the core services (AppServices: network, stores, journal, history, ExportManager with its
// authorizers) and the embedded sandbox server, shows the main window and brings back the journaled exports.
#include "app/appservices.h"
#include "export/exportmanager.h"
#include "log/logmodel.h"
#include "mainwindow.h"
#include "sandbox/embeddedsandbox.h"
#include "store/profilestore.h"
#include "store/secretstore.h"
#include "store/secretstoreprobe.h"
#include "util/clock.h"

#include <QApplication>
#include <QCommandLineParser>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Ferry"));
    QApplication::setApplicationName(QStringLiteral("Ferry"));
    QApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("ferry"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "FHIR Bulk Data exports onto your computer."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption sandboxOption(
        QStringLiteral("sandbox"),
        QApplication::translate("main", "With no server profile yet, set up the built-in Sandbox without asking."));
    parser.addOption(sandboxOption);
    parser.process(app);

    // The log pane's model takes every message from now on (redacted), and passes it on to stderr.
    LogModel log;
    log.install();
    // Declared before the window and services, so it is destroyed after them: the sandbox server stops last.
    EmbeddedSandbox sandbox;
    std::unique_ptr<AppServices> services;
    std::unique_ptr<MainWindow> window;

    // The keychain answers asynchronously (and may not answer at all): the window appears once it is decided.
    SecretStoreProbe probe;
    probe.setTimeout(std::chrono::seconds(10));
    QObject::connect(&probe, &SecretStoreProbe::finished, &app, [&](const SecretStoreProbe::Outcome &outcome) {
        services =
            std::make_unique<AppServices>(probe.takeStore(), outcome.notice, AppServices::Paths{}, Clock::system());
        QStringList warnings;
        const QString error = services->loadProfiles(&warnings);
        window = std::make_unique<MainWindow>(services.get(), &sandbox, &log);
        window->showStartupProblems(error, warnings);
        window->show();
        if (parser.isSet(sandboxOption) && services->profiles()->profiles().isEmpty()) {
            window->useSandbox();
        }
        services->exports()->restore();
    });
    probe.start();
    const int code = QApplication::exec();
    window.reset();
    services.reset();
    return code;
}
