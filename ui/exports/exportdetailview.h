#pragma once

#include <QPointer>
#include <QTimer>
#include <QWidget>

class ExportJob;
class FilesModel;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QTreeWidget;

// Everything about one export: its state and last message (for a failed export, the server's OperationOutcome
// in words), transactionTime, output folder, and tabs for
//   Files    – every file with its own painted progress bar, bytes, resources vs the manifest's count and the
//              verification result (FilesModel);
//   Errors   – the export's error files summarised: lines by severity and code, the first diagnostics;
//   Request  – the kick-off as sent (method, URL, headers, Parameters body) and as a curl command;
//   Quality  – report.json once the export completed: resources per type vs the manifest, duplicates, resources
//              without meta.lastUpdated, error summary.
// Observes the job (refreshed at most every 250 ms); never changes it. No mnemonics of its own (the main window
// owns the Alt+letters); the tabs are reached with Tab and switched with Ctrl+Tab / Ctrl+PgDown.
//
// For the main window:  connect(exportsView, &ExportsView::currentExportChanged, detail, &ExportDetailView::setJob);
class ExportDetailView : public QWidget
{
    Q_OBJECT

public:
    explicit ExportDetailView(QWidget *parent = nullptr);

    ExportJob *job() const;
    FilesModel *filesModel() const { return m_files; }
    QTabWidget *tabs() const { return m_tabs; }

    // What the tabs show, as text (tests, and what a person can copy).
    QString messageText() const;
    QString errorSummaryText() const;
    QString requestText() const;
    QString qualityText() const;

public slots:
    // Shows this export (nullptr: nothing). The job is observed, not owned.
    void setJob(ExportJob *job);

private:
    void refresh();
    void loadQualityReport();

    QPointer<ExportJob> m_job;
    FilesModel *m_files;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_message;
    QLabel *m_transactionTime;
    QLabel *m_folder;
    QTabWidget *m_tabs;
    QTableView *m_filesTable;
    QPlainTextEdit *m_errors;
    QPlainTextEdit *m_request;
    QLabel *m_qualitySummary;
    QTreeWidget *m_quality;
    QTimer m_refresh;
    bool m_qualityLoaded = false;
};
