#pragma once

#include <QMainWindow>

class AppServices;
class EmbeddedSandbox;
class ExportDetailView;
class ExportForm;
class ExportNotifier;
class ExportsView;
class FirstRunBanner;
class LogModel;
class LogPane;
class QDockWidget;
class QLabel;
class QSplitter;
class SandboxSetup;
class ServersPane;

// The application shell (STYLE rule 13: a thin shell, one widget per panel). Servers on the left (a dock),
// the export form on top of the centre, the exports list and the selected export's detail below it, the log
// as a bottom dock. Menus carry every action with its shortcut; the window title shows the overall progress of
// running exports; geometry and dock layout are remembered (UiSettings).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `sandbox` (may be null: no Sandbox offer) and `log` (may be null: the window keeps an empty log of its own,
    // not installed as the message handler) outlive the window.
    explicit MainWindow(AppServices *services, EmbeddedSandbox *sandbox = nullptr, LogModel *log = nullptr,
                        QWidget *parent = nullptr);
    ~MainWindow() override;

    ServersPane *serversPane() const { return m_servers; }
    ExportForm *exportForm() const { return m_form; }
    ExportsView *exportsView() const { return m_exports; }
    ExportDetailView *exportDetail() const { return m_detail; }
    LogPane *logPane() const { return m_logPane; }
    ExportNotifier *notifier() const { return m_notifier; }
    FirstRunBanner *firstRunBanner() const { return m_banner; }

    // Creates the Sandbox profile (starting the embedded server) and selects it: the first-run offer's answer,
    // and what `ferry --sandbox` does without asking.
    void useSandbox();

    // Says what went wrong loading profiles.json (the list stays empty) and which hand-edited fields were dropped.
    void showStartupProblems(const QString &error, const QStringList &warnings);

    // "Ferry", or "45% · 2 exports — Ferry" while exports run (ExportNotifier's summary).
    void updateTitle();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void updateBanner();

    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area);

    AppServices *m_services;
    ServersPane *m_servers;
    ExportForm *m_form;
    ExportsView *m_exports;
    ExportDetailView *m_detail;
    LogModel *m_log;
    LogPane *m_logPane;
    ExportNotifier *m_notifier;
    FirstRunBanner *m_banner;
    SandboxSetup *m_sandbox = nullptr;
    QSplitter *m_centre;
    QSplitter *m_exportsSplitter;
    QDockWidget *m_serversDock = nullptr;
    QDockWidget *m_logDock = nullptr;
};
