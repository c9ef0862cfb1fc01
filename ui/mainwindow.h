#pragma once

#include <QMainWindow>
#include <QTimer>

class AppServices;
class QDockWidget;
class QLabel;
class QSplitter;
class ServersPane;

// The application shell (STYLE rule 13: a thin shell, one widget per panel). Servers on the left (a dock),
// the export form on top of the centre, the exports list and the selected export's detail below it, the log
// as a bottom dock. Menus carry every action with its shortcut; the window title shows the overall progress of
// running exports; geometry and dock layout are remembered (UiSettings).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(AppServices *services, QWidget *parent = nullptr);
    ~MainWindow() override;

    ServersPane *serversPane() const { return m_servers; }

    // Says what went wrong loading profiles.json (the list stays empty) and which hand-edited fields were dropped.
    void showStartupProblems(const QString &error, const QStringList &warnings);

    // "Ferry", or "Ferry — 2 exports, 45 %" while exports run.
    void updateTitle();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void watchExports();
    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &name, Qt::DockWidgetArea area);

    AppServices *m_services;
    ServersPane *m_servers;
    QSplitter *m_centre;
    QSplitter *m_exportsSplitter;
    QDockWidget *m_serversDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QTimer m_titleTimer; // coalesces title updates to one per 250 ms
};
