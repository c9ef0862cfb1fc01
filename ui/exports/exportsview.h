#pragma once

#include <QPointer>
#include <QWidget>

#include <array>
#include <functional>

class ExportJob;
class ExportManager;
class ExportsModel;
class QAction;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;

// The Exports panel: every export of an ExportManager in a sortable table (ExportsModel, progress painted by
// ExportProgressDelegate), with a toolbar, a context menu and keyboard shortcuts for the actions on the current
// export. Actions are enabled by the current export's state and go through the manager (which supplies
// credentials) or the job; the widget itself sends nothing.
//
// For the main window:
//   auto *exports = new ExportsView(manager, parent);
//   connect(exports, &ExportsView::currentExportChanged, detail, &ExportDetailView::setJob);
//   connect(exports, &ExportsView::statusMessage, statusBar(), [](const QString &t) { ... showMessage(t) ... });
//   exports->setLogTextProvider([log] { return log->text(); });     // for support bundles
// The shortcuts work while focus is inside the view (Qt::WidgetWithChildrenShortcut); action(...) exposes the
// actions for a menu bar.
class ExportsView : public QWidget
{
    Q_OBJECT

public:
    enum Action {
        Cancel,             // Ctrl+.            DELETE on the server, then Cancelled (asks first)
        RetryFailedFiles,   // Ctrl+R            Failed/Expired with a complete manifest
        Resume,             // Ctrl+Shift+R      Failed/Expired
        OpenFolder,         // Ctrl+Shift+O      the export's output folder
        CopyStatusUrl,      // Ctrl+Shift+C      the status URL, to the clipboard
        DeleteOnServer,     // Ctrl+Shift+Del    clean-up of a finished export (asks first)
        RemoveFromList,     // Del               forget a finished export (its journal goes, its files stay)
        WriteSupportBundle, // Ctrl+Shift+B      asks for a folder, writes ferry-support-<id>/ there
        ActionCount
    };
    Q_ENUM(Action)

    explicit ExportsView(ExportManager *manager, QWidget *parent = nullptr);

    ExportsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QToolBar *toolBar() const { return m_toolBar; }
    QAction *action(Action which) const { return m_actions[which]; }

    ExportJob *currentJob() const;
    // Selects the export's row (e.g. after the export form started it).
    void setCurrentJob(ExportJob *job);

    // Cancel and Delete on server ask before acting (a non-modal QMessageBox); on by default.
    void setConfirmationsEnabled(bool enabled) { m_confirm = enabled; }
    // Supplies the log text a support bundle includes (LogModel::text()); without one, bundles carry no log.
    void setLogTextProvider(std::function<QString()> provider) { m_logText = std::move(provider); }

public slots:
    // Writes the current export's support bundle into `directory`; returns the folder written ("" on failure).
    QString writeSupportBundleTo(const QString &directory);

signals:
    // The current row changed, or its export went away (nullptr).
    void currentExportChanged(ExportJob *job);
    // A row was double-clicked or Enter was pressed on it (e.g. bring the detail view forward).
    void exportActivated(ExportJob *job);
    // What an action did or why it could not, in words, for the status bar.
    void statusMessage(const QString &text);

private:
    void createActions();
    void updateActions();
    void onCurrentChanged();
    void trigger(Action which);
    void confirmThen(const QString &question, const QString &acceptText, std::function<void()> then);
    void chooseBundleFolder();

    QPointer<ExportManager> m_manager;
    ExportsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QToolBar *m_toolBar;
    std::array<QAction *, ActionCount> m_actions{};
    QPointer<ExportJob> m_current;
    std::function<QString()> m_logText;
    bool m_confirm = true;
};
