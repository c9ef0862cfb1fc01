#pragma once

#include <QMainWindow>

class AppServices;
class EmbeddedSandbox;
class ExportForm;
class ExportsView;
class FirstRunBanner;
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
    // `sandbox` (may be null: no Sandbox offer) outlives the window.
    explicit MainWindow(AppServices *services, EmbeddedSandbox *sandbox = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    ServersPane *serversPane() const { return m_servers; }
    ExportForm *exportForm() const { return m_form; }
    ExportsView *exportsView() const { return m_exports; }
    FirstRunBanner *firstRunBanner() const { return m_banner; }

    // Creates the Sandbox profile (starting the embedded server) and selects it: the first-run offer's answer,
    // and what `ferry --sandbox` does without asking.
    void useSandbox();

    // Says what went wrong loading profiles.json (the list stays empty) and which hand-edited fields were dropped.
    void showStartupProblems(const QString &error, const QStringList &warnings);

    // "Ferry", or "Ferry — 2 exports, 45 %" while exports run.
    void updateTitle();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void updateBanner();
    void watchExports();
    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area);

    AppServices *m_services;
    ServersPane *m_servers;
    ExportForm *m_form;
    ExportsView *m_exports;
    FirstRunBanner *m_banner;
    SandboxSetup *m_sandbox = nullptr;
    QSplitter *m_centre;
    QSplitter *m_exportsSplitter;
    QDockWidget *m_serversDock = nullptr;
    QDockWidget *m_logDock = nullptr;
};
