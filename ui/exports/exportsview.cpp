#include "exports/exportsview.h"

#include "exports/exportprogressdelegate.h"
#include "exports/exportroles.h"
#include "exports/exportsmodel.h"

#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "export/supportbundle.h"

#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

ExportsView::ExportsView(ExportManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_model(new ExportsModel(manager, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_toolBar(new QToolBar(tr("Export actions"), this))
{
    qRegisterMetaType<ExportJob *>(); // currentExportChanged across queued connections and in QSignalSpy
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(ExportRoles::RawValue);

    m_table->setObjectName(QStringLiteral("exportsTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new ExportProgressDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ExportsModel::Started, Qt::DescendingOrder);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Column widths from the font, not pixels (HiDPI): a few characters per column, the bar a bit wider.
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(ExportsModel::Name, em * 12);
    m_table->setColumnWidth(ExportsModel::Progress, em * 10);
    m_table->setColumnWidth(ExportsModel::Status, em * 16);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setAccessibleName(tr("Exports"));

    m_toolBar->setObjectName(QStringLiteral("exportsToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    createActions();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_table);
    setFocusProxy(m_table);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ExportsView::onCurrentChanged);
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        if (ExportJob *job = m_model->job(m_proxy->mapToSource(index))) {
            emit exportActivated(job);
        }
    });
    connect(m_model, &ExportsModel::updated, this, &ExportsView::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ExportsView::onCurrentChanged);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0) {
            m_table->setCurrentIndex(m_proxy->index(0, 0));
        }
    });
    updateActions();
}

void ExportsView::createActions()
{
    struct Spec
    {
        Action which;
        QString text;
        QString tip;
        QKeySequence keys;
        QString icon;
    };
    const Spec specs[] = {
        {Cancel, tr("&Cancel"), tr("Stop the export and ask the server to delete it"), QKeySequence(tr("Ctrl+.")),
         QStringLiteral("process-stop")},
        {RetryFailedFiles, tr("Retry &failed files"), tr("Download again the files that failed or did not verify"),
         QKeySequence(tr("Ctrl+R")), QStringLiteral("view-refresh")},
        {Resume, tr("&Resume"), tr("Continue a failed or expired export from where it stopped"),
         QKeySequence(tr("Ctrl+Shift+R")), QStringLiteral("media-playback-start")},
        {OpenFolder, tr("&Open folder"), tr("Show the export's files"), QKeySequence(tr("Ctrl+Shift+O")),
         QStringLiteral("folder-open")},
        {CopyStatusUrl, tr("Copy &status URL"), tr("Copy the server's status URL of this export"),
         QKeySequence(tr("Ctrl+Shift+C")), QStringLiteral("edit-copy")},
        {DeleteOnServer, tr("&Delete on server"), tr("Ask the server to delete its copy of a finished export"),
         QKeySequence(tr("Ctrl+Shift+Del")), QStringLiteral("edit-delete")},
        {RemoveFromList, tr("Re&move from list"), tr("Forget this export; its files stay on disk"),
         QKeySequence(QKeySequence::Delete), QStringLiteral("list-remove")},
        {WriteSupportBundle, tr("Write support &bundle…"),
         tr("Write a redacted trace, the request as curl and the log for the server's support desk"),
         QKeySequence(tr("Ctrl+Shift+B")), QStringLiteral("document-save")},
    };
    for (const Spec &s : specs) {
        auto *a = new QAction(QIcon::fromTheme(s.icon), s.text, this);
        a->setObjectName(QStringLiteral("exportAction%1").arg(int(s.which)));
        a->setToolTip(s.tip);
        a->setStatusTip(s.tip);
        a->setShortcut(s.keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, [this, w = s.which] { trigger(w); });
        m_actions[s.which] = a;
        addAction(a);
        m_table->addAction(a);
        if (s.which == OpenFolder || s.which == RemoveFromList) {
            auto *separator = new QAction(this);
            separator->setSeparator(true);
            m_table->addAction(separator);
        }
    }
    for (Action a : {Cancel, Resume, RetryFailedFiles, OpenFolder, RemoveFromList}) {
        m_toolBar->addAction(m_actions[a]);
    }
}

ExportJob *ExportsView::currentJob() const
{
    return m_current;
}

void ExportsView::setCurrentJob(ExportJob *job)
{
    const QModelIndex source = m_model->indexOf(job);
    if (source.isValid()) {
        m_table->setCurrentIndex(m_proxy->mapFromSource(source));
    }
}

void ExportsView::onCurrentChanged()
{
    ExportJob *job = m_model->job(m_proxy->mapToSource(m_table->currentIndex()));
    if (job != m_current) {
        m_current = job;
        emit currentExportChanged(job);
    }
    updateActions();
}

void ExportsView::updateActions()
{
    ExportJob *job = m_current;
    const bool any = job != nullptr;
    const ExportRecord *r = any ? &job->record() : nullptr;
    const ExportState s = any ? job->state() : ExportState::Created;
    const bool failed = s == ExportState::Failed || s == ExportState::Expired;
    const bool unverified = any && std::any_of(r->files.begin(), r->files.end(), [](const FileRecord &f) {
                                return f.state == FileRecord::State::Failed || f.state == FileRecord::State::Expired ||
                                       f.state == FileRecord::State::Rejected;
                            });
    m_actions[Cancel]->setEnabled(any && ExportStates::canTransition(s, ExportState::Cancelled));
    m_actions[RetryFailedFiles]->setEnabled(any && failed && r->manifestComplete && unverified);
    m_actions[Resume]->setEnabled(any && failed);
    m_actions[OpenFolder]->setEnabled(any && QDir(r->outputDir).exists());
    m_actions[CopyStatusUrl]->setEnabled(any && r->hasStatusUrl());
    m_actions[DeleteOnServer]->setEnabled(any && ExportStates::isTerminal(s) && r->hasStatusUrl() &&
                                          !r->serverDeleted && !job->isBusy());
    m_actions[RemoveFromList]->setEnabled(any && ExportStates::isTerminal(s) && !job->isBusy());
    m_actions[WriteSupportBundle]->setEnabled(any);
}

void ExportsView::trigger(Action which)
{
    updateActions(); // a shortcut can arrive before the next coalesced update
    QPointer<ExportJob> job = m_current;
    if (!job || !m_actions[which]->isEnabled() || !m_manager) {
        return;
    }
    const QString id = job->id();
    switch (which) {
    case Cancel:
        confirmThen(tr("Cancel export %1? The server will be asked to delete it.").arg(id), tr("Cancel export"),
                    [this, id] { m_manager->cancel(id); });
        break;
    case RetryFailedFiles:
        m_manager->retryFailedFiles(id);
        break;
    case Resume:
        m_manager->resume(id);
        break;
    case OpenFolder:
        if (!QDesktopServices::openUrl(QUrl::fromLocalFile(job->record().outputDir))) {
            emit statusMessage(tr("Could not open %1.").arg(QDir::toNativeSeparators(job->record().outputDir)));
        }
        break;
    case CopyStatusUrl:
        QGuiApplication::clipboard()->setText(job->record().statusUrl.toString());
        emit statusMessage(tr("Status URL copied."));
        break;
    case DeleteOnServer:
        confirmThen(tr("Ask the server to delete export %1? Files already downloaded stay.").arg(id),
                    tr("Delete on server"), [this, id] { m_manager->deleteOnServer(id); });
        break;
    case RemoveFromList:
        if (!m_manager->remove(id)) {
            emit statusMessage(tr("Export %1 is still running; cancel it first.").arg(id));
        }
        break;
    case WriteSupportBundle:
        chooseBundleFolder();
        break;
    case ActionCount:
        break;
    }
    updateActions();
}

void ExportsView::confirmThen(const QString &question, const QString &acceptText, std::function<void()> then)
{
    if (!m_confirm) {
        then();
        updateActions();
        return;
    }
    // Non-modal to the event loop (open(), not exec()): nothing here blocks.
    auto *box = new QMessageBox(QMessageBox::Question, tr("Ferry"), question, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("exportConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *accept = box->addButton(acceptText, QMessageBox::DestructiveRole);
    box->addButton(tr("Keep"), QMessageBox::RejectRole);
    box->setDefaultButton(qobject_cast<QPushButton *>(box->buttons().constLast()));
    connect(box, &QMessageBox::finished, this, [this, box, accept, then] {
        if (box->clickedButton() == accept) {
            then();
            updateActions();
        }
    });
    box->open();
}

void ExportsView::chooseBundleFolder()
{
    auto *dialog = new QFileDialog(this, tr("Write support bundle into"));
    dialog->setObjectName(QStringLiteral("supportBundleFolderDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    dialog->setDirectory(QDir::homePath());
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &dir) { writeSupportBundleTo(dir); });
    dialog->open();
}

QString ExportsView::writeSupportBundleTo(const QString &directory)
{
    ExportJob *job = m_current;
    if (!job) {
        return {};
    }
    QString error;
    const QString logText = m_logText ? m_logText() : QString();
    const QString written = SupportBundle::write(job->record(), job->tracePath(), logText, directory, &error);
    if (written.isEmpty()) {
        emit statusMessage(tr("Could not write the support bundle: %1").arg(error));
    } else {
        emit statusMessage(tr("Support bundle written to %1.").arg(QDir::toNativeSeparators(written)));
    }
    return written;
}
