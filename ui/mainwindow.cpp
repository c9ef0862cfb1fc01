#include "mainwindow.h"

#include "app/appservices.h"
#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "servers/serverspane.h"
#include "settings/uisettings.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>

namespace {
// Until the exports and log panels exist: a plain label saying what will be there.
QLabel *placeholder(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    return label;
}
} // namespace

MainWindow::MainWindow(AppServices *services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_servers(new ServersPane(services, this))
    , m_centre(new QSplitter(Qt::Vertical, this))
    , m_exportsSplitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_centre->setObjectName(QStringLiteral("centreSplitter"));
    m_exportsSplitter->setObjectName(QStringLiteral("exportsSplitter"));
    m_centre->setChildrenCollapsible(false);

    m_centre->addWidget(placeholder(tr("Export form"), m_centre));
    m_exportsSplitter->addWidget(placeholder(tr("Exports"), m_exportsSplitter));
    m_exportsSplitter->addWidget(placeholder(tr("Export detail"), m_exportsSplitter));
    m_centre->addWidget(m_exportsSplitter);
    setCentralWidget(m_centre);

    m_serversDock = addDock(m_servers, tr("Servers"), QStringLiteral("serversDock"), Qt::LeftDockWidgetArea);
    m_logDock = addDock(placeholder(tr("Log"), this), tr("Log"), QStringLiteral("logDock"), Qt::BottomDockWidgetArea);

    if (!services->secretNotice().isEmpty()) {
        auto *notice = new QLabel(services->secretNotice(), this);
        notice->setObjectName(QStringLiteral("secretNotice"));
        notice->setWordWrap(true);
        statusBar()->addWidget(notice, 1);
    }

    buildMenus();
    watchExports();

    // A first-time window sized from the font, not from pixels, so it fits HiDPI screens alike.
    const int em = fontMetrics().height();
    resize(80 * em, 48 * em);
    restoreGeometry(services->settings()->windowGeometry());
    restoreState(services->settings()->windowState());
    updateTitle();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(widget);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_servers->newAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty on some platforms
    quit->setMenuRole(QAction::QuitRole);

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    server->addAction(m_servers->newAction());
    server->addAction(m_servers->editAction());
    server->addAction(m_servers->duplicateAction());
    server->addAction(m_servers->deleteAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *servers = m_serversDock->toggleViewAction();
    servers->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    view->addAction(servers);
    QAction *log = m_logDock->toggleViewAction();
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addAction(log);
    QAction *focusServers = view->addAction(tr("Go to &servers"), this, [this] {
        m_serversDock->show();
        m_servers->setFocus(Qt::ShortcutFocusReason);
    });
    focusServers->setShortcut(QKeySequence(Qt::ALT | Qt::Key_1));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Ferry"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("About Ferry"),
                                    tr("Ferry %1\nFHIR Bulk Data exports onto your computer, verified.")
                                        .arg(QApplication::applicationVersion()),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::watchExports()
{
    m_titleTimer.setSingleShot(true);
    m_titleTimer.setInterval(250);
    connect(&m_titleTimer, &QTimer::timeout, this, &MainWindow::updateTitle);
    ExportManager *manager = m_services->exports();
    auto watch = [this](ExportJob *job) {
        connect(job, &ExportJob::changed, &m_titleTimer, qOverload<>(&QTimer::start));
    };
    for (ExportJob *job : manager->jobs()) {
        watch(job);
    }
    connect(manager, &ExportManager::jobAdded, this, [this, watch](ExportJob *job) {
        watch(job);
        m_titleTimer.start();
    });
    connect(manager, &ExportManager::jobRemoved, &m_titleTimer, qOverload<>(&QTimer::start));
}

void MainWindow::showStartupProblems(const QString &error, const QStringList &warnings)
{
    QStringList lines;
    if (!error.isEmpty()) {
        lines << error;
    }
    lines += warnings;
    if (lines.isEmpty()) {
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Server profiles"), lines.join(QLatin1Char('\n')),
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("startupProblemsBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateTitle()
{
    int running = 0;
    double fraction = 0;
    for (const ExportJob *job : m_services->exports()->jobs()) {
        const ExportRecord &r = job->record();
        if (ExportStates::isTerminal(r.state)) {
            continue;
        }
        ++running;
        if (!r.files.isEmpty()) {
            fraction += double(r.filesFinal()) / double(r.files.size());
        }
    }
    if (running == 0) {
        setWindowTitle(tr("Ferry"));
        return;
    }
    const int percent = int(100.0 * fraction / running);
    setWindowTitle(tr("Ferry — %n export(s), %1 %", nullptr, running).arg(percent));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_services->settings()->setWindowGeometry(saveGeometry());
    m_services->settings()->setWindowState(saveState());
    QMainWindow::closeEvent(event);
}
