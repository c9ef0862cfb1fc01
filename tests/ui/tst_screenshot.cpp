// The screenshot step: renders the main window offscreen while a sandbox export is downloading (one finished
// export above it) and writes build/<preset>/artifacts/ferry-main-window.png — the CI artifact and the source of
// docs/screenshot.png. It also fails when the window would render blank or before anything ran.

#include "sandboxprocess.h"
#include "uitestenv.h"

#include "app/appservices.h"
#include "export/exportjob.h"
#include "exportform/exportform.h"
#include "exportform/typechecklist.h"
#include "exports/exportsmodel.h"
#include "exports/exportsview.h"
#include "log/logmodel.h"
#include "mainwindow.h"
#include "servers/serverspane.h"
#include "store/profilestore.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QPixmap>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTest>

#ifndef FERRY_ARTIFACTS_DIR
#error "FERRY_ARTIFACTS_DIR must name the build's artifacts folder"
#endif

class TestScreenshot : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void mainWindowDuringAnExport();

private:
    ExportJob *startExport(MainWindow *window, const QString &groupId, const QString &destination);
};

void TestScreenshot::initTestCase()
{
    qRegisterMetaType<ExportJob *>();
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

ExportJob *TestScreenshot::startExport(MainWindow *window, const QString &groupId, const QString &destination)
{
    window->serversPane()->selectProfile(QStringLiteral("sandbox"), groupId);
    ExportForm *form = window->exportForm();
    form->destinationEdit()->setText(destination);
    QSignalSpy started(form, &ExportForm::exportStarted);
    QTest::mouseClick(form->exportButton(), Qt::LeftButton);
    return started.isEmpty() ? nullptr : started.at(0).at(0).value<ExportJob *>();
}

void TestScreenshot::mainWindowDuringAnExport()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--quiet"), QStringLiteral("--polls"), QStringLiteral("1"),
                            QStringLiteral("--retry-after"), QStringLiteral("0.2"),
                            QStringLiteral("--resources-per-file"), QStringLiteral("400")},
                           &error),
             qPrintable(error));
    UiTestEnv env;
    ServerProfile p;
    p.id = QStringLiteral("sandbox");
    p.displayName = QStringLiteral("Sandbox");
    p.fhirBase = sandbox.fhirBase();
    p.authMethod = AuthMethod::None;
    p.groups = {{QStringLiteral("demo"), QStringLiteral("Demo cohort, 25 patients")},
                {QStringLiteral("all"), QStringLiteral("Everyone, 200 patients")}};
    p.defaultTypes = {QStringLiteral("Patient"), QStringLiteral("Observation"), QStringLiteral("Condition"),
                      QStringLiteral("Encounter"), QStringLiteral("MedicationRequest")};
    QVERIFY(env.services()->profiles()->save(p, &error));

    LogModel log; // the log pane shows what the engine said, as in the app
    log.install();
    MainWindow window(env.services(), nullptr, &log);
    const int em = window.fontMetrics().height();
    window.resize(96 * em, 60 * em);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString out = env.path(QStringLiteral("Ferry"));

    ExportJob *done = startExport(&window, QStringLiteral("demo"), out);
    QVERIFY(done);
    QTRY_COMPARE_WITH_TIMEOUT(done->state(), ExportState::Completed, 60000);

    // The second export downloads slowly, so the picture shows it mid-way.
    QVERIFY(sandbox.setFaults(QStringLiteral("drip=40000")));
    ExportJob *running = startExport(&window, QStringLiteral("all"), out);
    QVERIFY(running);
    QTRY_VERIFY_WITH_TIMEOUT(running->state() == ExportState::Downloading && running->record().filesFinal() >= 1,
                             60000);
    QTest::qWait(1200); // let the speed and ETA columns and the painted bars settle on real numbers
    window.exportsView()->model()->flush();
    QTRY_VERIFY(window.windowTitle().contains(QStringLiteral("1 export")));

    const QPixmap shot = window.grab();
    const QImage image = shot.toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 96 * em * 0.9);
    // Not blank: many distinct colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            colours.insert(image.pixel(x, y));
        }
    }
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

    const QString dir = QStringLiteral(FERRY_ARTIFACTS_DIR);
    QVERIFY(QDir().mkpath(dir));
    const QString path = QDir(dir).filePath(QStringLiteral("ferry-main-window.png"));
    QVERIFY2(shot.save(path, "PNG"), qPrintable(path));
    qInfo().noquote() << "screenshot:" << path;

    // The same window in a dark palette: every panel must follow the palette's roles (no hard-coded light colours).
    const QPalette light = QApplication::palette();
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(45, 45, 48));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::AlternateBase, QColor(50, 50, 54));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(55, 55, 60));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    QApplication::setPalette(dark);
    QTest::qWait(50);
    const QImage darkImage = window.grab().toImage();
    QApplication::setPalette(light);
    qint64 luminance = 0;
    qint64 samples = 0;
    for (int y = 0; y < darkImage.height(); y += 5) {
        for (int x = 0; x < darkImage.width(); x += 5) {
            luminance += qGray(darkImage.pixel(x, y));
            ++samples;
        }
    }
    QVERIFY2(luminance / samples < 110, qPrintable(QString::number(luminance / samples)));
    const QString darkPath = QDir(dir).filePath(QStringLiteral("ferry-main-window-dark.png"));
    QVERIFY2(darkImage.save(darkPath, "PNG"), qPrintable(darkPath));
    running->suspend();
}

QTEST_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
