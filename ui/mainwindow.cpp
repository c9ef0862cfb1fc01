#include "mainwindow.h"

#include "app/appservices.h"
#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "exportform/exportform.h"
#include "exports/exportdetailview.h"
#include "exports/exportnotifier.h"
#include "exports/exportsmodel.h"
#include "exports/exportsview.h"
#include "log/logmodel.h"
#include "log/logpane.h"
#include "sandbox/firstrunbanner.h"
#include "sandbox/sandboxsetup.h"
#include "servers/serverspane.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

MainWindow::MainWindow(AppServices *services, EmbeddedSandbox *sandbox, LogModel *log, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_servers(new ServersPane(services, this))
    , m_form(new ExportForm(services, this))
    , m_exports(new ExportsView(services->exports(), this))
    , m_detail(new ExportDetailView(this))
    , m_log(log ? log : new LogModel(this))
    , m_logPane(new LogPane(m_log, this))
    , m_notifier(new ExportNotifier(services->exports(), this))
    , m_banner(new FirstRunBanner(this))
    , m_centre(new QSplitter(Qt::Vertical, this))
    , m_exportsSplitter(new QSplitter(Qt::Horizontal, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_centre->setObjectName(QStringLiteral("centreSplitter"));
    m_exportsSplitter->setObjectName(QStringLiteral("exportsSplitter"));
    m_centre->setChildrenCollapsible(false);

    auto *top = new QWidget(m_centre);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(top);
    scroll->setObjectName(QStringLiteral("exportFormScroll"));
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    topLayout->addWidget(m_banner);
    topLayout->addWidget(scroll, 1);
    m_centre->addWidget(top);
    m_exportsSplitter->addWidget(m_exports);
    m_exportsSplitter->addWidget(m_detail);
    m_centre->addWidget(m_exportsSplitter);
    setCentralWidget(m_centre);

    m_serversDock = addDock(m_servers, tr("Servers"), QStringLiteral("serversDock"), Qt::LeftDockWidgetArea);
    m_logDock = addDock(m_logPane, tr("Log"), QStringLiteral("logDock"), Qt::BottomDockWidgetArea);

    if (!services->secretNotice().isEmpty()) {
        auto *notice = new QLabel(services->secretNotice(), this);
        notice->setObjectName(QStringLiteral("secretNotice"));
        notice->setWordWrap(true);
        statusBar()->addWidget(notice, 1);
    }

    connect(m_servers, &ServersPane::currentChanged, m_form, &ExportForm::setProfile);
    // Check connection compares the server's answers with what the export form is about to ask for.
    m_servers->setRequestProvider([this]() -> std::optional<ExportRequest> {
        if (m_form->profileId() != m_servers->currentProfileId()) {
            return std::nullopt;
        }
        return m_form->currentRequest();
    });
    m_form->setProfile(m_servers->currentProfileId(), m_servers->currentGroupId());
    connect(m_form, &ExportForm::exportStarted, this, [this](ExportJob *job) {
        m_exports->setCurrentJob(job);
        statusBar()->showMessage(tr("Export started: files go to %1").arg(job->record().outputDir), 10000);
    });
    auto showStatus = [this](const QString &text) { statusBar()->showMessage(text, 10000); };
    connect(m_exports, &ExportsView::statusMessage, this, showStatus);
    connect(m_logPane, &LogPane::statusMessage, this, showStatus);
    connect(m_exports, &ExportsView::currentExportChanged, m_detail, &ExportDetailView::setJob);
    m_exports->setLogTextProvider([model = m_log] { return model->text(); });
    connect(m_notifier, &ExportNotifier::overallProgressChanged, this, &MainWindow::updateTitle);
    connect(m_notifier, &ExportNotifier::notified, this,
            [this](ExportJob *, const QString &title, const QString &text) {
                statusBar()->showMessage(title + QStringLiteral(": ") + text, 15000);
            });

    if (sandbox) {
        m_sandbox = new SandboxSetup(services, sandbox, this);
        connect(m_sandbox, &SandboxSetup::ready, this, [this](const QString &id) {
            m_banner->setBusy(false);
            m_banner->setMessage({});
            m_servers->selectProfile(id, QStringLiteral("demo"));
            updateBanner();
        });
        connect(m_sandbox, &SandboxSetup::failed, this, [this](const QString &message) {
            m_banner->setBusy(false);
            m_banner->setMessage(message);
            statusBar()->showMessage(message);
        });
        m_sandbox->resume();
    }
    connect(m_banner, &FirstRunBanner::sandboxRequested, this, &MainWindow::useSandbox);
    connect(m_banner, &FirstRunBanner::addServerRequested, m_servers->newAction(), &QAction::trigger);
    connect(services->profiles(), &ProfileStore::changed, this, &MainWindow::updateBanner);
    updateBanner();

    buildMenus();

    // A first-time window sized from the font, not from pixels, so it fits HiDPI screens alike; on a large screen
    // it takes most of it (the form, the exports and their detail all want room), never more than the screen.
    const int em = fontMetrics().height();
    const QSize available = screen()->availableGeometry().size();
    resize(QSize(80 * em, 48 * em).expandedTo(available * 0.85).boundedTo(available));
    // First-time proportions, in font units: a narrow servers column, the form above the exports.
    resizeDocks({m_serversDock}, {22 * em}, Qt::Horizontal);
    resizeDocks({m_logDock}, {8 * em}, Qt::Vertical);
    m_centre->setSizes({30 * em, 18 * em});
    m_exportsSplitter->setSizes({42 * em, 34 * em});
    restoreGeometry(services->settings()->windowGeometry());
    restoreState(services->settings()->windowState());
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::useSandbox()
{
    if (!m_sandbox) {
        return;
    }
    m_banner->setBusy(true);
    m_sandbox->createProfile();
}

void MainWindow::updateBanner()
{
    m_banner->setVisible(m_sandbox && m_services->profiles()->profiles().isEmpty());
}

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
    server->addSeparator();
    server->addAction(m_servers->checkAction());

    QMenu *exportMenu = menuBar()->addMenu(tr("E&xport"));
    QAction *start = exportMenu->addAction(tr("&Start export"), m_form, &ExportForm::startExport);
    start->setObjectName(QStringLiteral("startExportAction"));
    start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    start->setEnabled(m_form->exportButton()->isEnabled());
    connect(m_form, &ExportForm::validityChanged, start, &QAction::setEnabled);
    exportMenu->addSeparator();
    for (int a = 0; a < ExportsView::ActionCount; ++a) {
        exportMenu->addAction(m_exports->action(ExportsView::Action(a)));
    }
    if (m_sandbox) {
        server->addSeparator();
        QAction *sandboxAction = server->addAction(tr("Use the Sandbo&x"), this, &MainWindow::useSandbox);
        sandboxAction->setObjectName(QStringLiteral("useSandboxAction"));
    }

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
    setWindowTitle(m_notifier->titleText(tr("Ferry")));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_services->settings()->setWindowGeometry(saveGeometry());
    m_services->settings()->setWindowState(saveState());
    QMainWindow::closeEvent(event);
}
