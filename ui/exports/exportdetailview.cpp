#include "exports/exportdetailview.h"

#include "exports/exportprogressdelegate.h"
#include "exports/filesmodel.h"

#include "export/exportjob.h"
#include "export/qualityreport.h"
#include "export/supportbundle.h"

#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMap>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int kRefreshMs = 250;
constexpr int kDiagnosticsShown = 5;

QString errorSummary(const ExportRecord &r)
{
    QMap<QString, qint64> byCode;
    QStringList diagnostics;
    int files = 0;
    qint64 lines = 0;
    for (const FileRecord &f : r.files) {
        if (f.kind != ManifestEntry::Kind::Error) {
            continue;
        }
        ++files;
        lines += f.lines;
        for (auto it = f.outcomeCodes.constBegin(); it != f.outcomeCodes.constEnd(); ++it) {
            byCode[it.key()] += it.value();
        }
        for (const QString &d : f.firstDiagnostics) {
            if (diagnostics.size() < kDiagnosticsShown && !diagnostics.contains(d)) {
                diagnostics << d;
            }
        }
    }
    if (files == 0) {
        return r.manifestComplete ? ExportDetailView::tr("The server reported no errors.") : QString();
    }
    const QLocale locale;
    QStringList out;
    out << ExportDetailView::tr("%n error file(s), %1 issue line(s).", nullptr, files).arg(locale.toString(lines));
    if (!byCode.isEmpty()) {
        out << QString() << ExportDetailView::tr("By severity and code:");
        for (auto it = byCode.constBegin(); it != byCode.constEnd(); ++it) {
            out << QStringLiteral("  %1  %2").arg(locale.toString(it.value()), 8).arg(it.key());
        }
    }
    if (!diagnostics.isEmpty()) {
        out << QString() << ExportDetailView::tr("First diagnostics:");
        for (const QString &d : std::as_const(diagnostics)) {
            out << QStringLiteral("  • ") + d;
        }
    }
    return out.join(QLatin1Char('\n'));
}

QString requestAsSent(const ExportRecord &r)
{
    const ExportRequest &q = r.request;
    QStringList out;
    out << (q.usesPost() ? QStringLiteral("POST ") : QStringLiteral("GET ")) + q.kickoffUrl().toDisplayString();
    out << QStringLiteral("Accept: application/fhir+json");
    out << QStringLiteral("Prefer: ") + QString::fromLatin1(q.preferHeader());
    out << ExportDetailView::tr("Authorization: (the profile's credential, not shown)");
    if (q.usesPost()) {
        out << QStringLiteral("Content-Type: application/fhir+json") << QString()
            << QString::fromUtf8(SupportBundle::shareableParameters(r));
    }
    out << QString() << ExportDetailView::tr("As a curl command:") << SupportBundle::curlCommand(r);
    return out.join(QLatin1Char('\n'));
}

QString formatTime(const QDateTime &t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::LongFormat) + QStringLiteral(" (") +
                             t.toUTC().toString(Qt::ISODateWithMs) + QLatin1Char(')')
                       : QString();
}
} // namespace

ExportDetailView::ExportDetailView(QWidget *parent)
    : QWidget(parent)
    , m_files(new FilesModel(this))
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_message(new QLabel(this))
    , m_transactionTime(new QLabel(this))
    , m_folder(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_filesTable(new QTableView(this))
    , m_errors(new QPlainTextEdit(this))
    , m_request(new QPlainTextEdit(this))
    , m_qualitySummary(new QLabel(this))
    , m_quality(new QTreeWidget(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    for (QLabel *l : {m_title, m_state, m_message, m_transactionTime, m_folder, m_qualitySummary}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        l->setWordWrap(true);
    }
    m_message->setObjectName(QStringLiteral("detailMessage"));
    m_transactionTime->setObjectName(QStringLiteral("detailTransactionTime"));

    auto *form = new QFormLayout;
    form->addRow(m_title);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Message:"), m_message);
    form->addRow(tr("transactionTime:"), m_transactionTime);
    form->addRow(tr("Folder:"), m_folder);

    m_filesTable->setObjectName(QStringLiteral("filesTable"));
    m_filesTable->setModel(m_files);
    m_filesTable->setItemDelegate(new ExportProgressDelegate(m_filesTable));
    m_filesTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_filesTable->setWordWrap(false);
    m_filesTable->verticalHeader()->hide();
    m_filesTable->horizontalHeader()->setStretchLastSection(true);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_filesTable->setColumnWidth(FilesModel::Name, em * 16);
    m_filesTable->setColumnWidth(FilesModel::Progress, em * 9);

    for (QPlainTextEdit *edit : {m_errors, m_request}) {
        edit->setReadOnly(true);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    m_errors->setObjectName(QStringLiteral("errorSummary"));
    m_request->setObjectName(QStringLiteral("requestText"));

    m_quality->setObjectName(QStringLiteral("qualityTree"));
    m_quality->setHeaderLabels(
        {tr("Type"), tr("Resources"), tr("Manifest count"), tr("Duplicate ids"), tr("Without meta.lastUpdated")});
    m_quality->setRootIsDecorated(false);
    auto *quality = new QWidget(this);
    auto *qualityLayout = new QVBoxLayout(quality);
    qualityLayout->addWidget(m_qualitySummary);
    qualityLayout->addWidget(m_quality);

    m_tabs->addTab(m_filesTable, tr("Files"));
    m_tabs->addTab(m_errors, tr("Errors"));
    m_tabs->addTab(m_request, tr("Request"));
    m_tabs->addTab(quality, tr("Quality"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_tabs, 1);

    m_refresh.setSingleShot(true);
    m_refresh.setInterval(kRefreshMs);
    connect(&m_refresh, &QTimer::timeout, this, &ExportDetailView::refresh);
    refresh();
}

ExportJob *ExportDetailView::job() const
{
    return m_job;
}

void ExportDetailView::setJob(ExportJob *job)
{
    if (m_job) {
        m_job->disconnect(this);
    }
    m_job = job;
    m_qualityLoaded = false;
    m_files->setJob(job);
    if (job) {
        connect(job, &ExportJob::changed, this, [this] {
            if (!m_refresh.isActive()) {
                m_refresh.start();
            }
        });
        connect(job, &QObject::destroyed, this, [this] { setJob(nullptr); });
    }
    refresh();
}

void ExportDetailView::refresh()
{
    m_refresh.stop();
    ExportJob *job = m_job;
    setEnabled(job != nullptr);
    if (!job) {
        for (QLabel *l : {m_title, m_state, m_message, m_transactionTime, m_folder, m_qualitySummary}) {
            l->clear();
        }
        m_errors->clear();
        m_request->clear();
        m_quality->clear();
        m_title->setText(tr("No export selected"));
        return;
    }
    const ExportRecord &r = job->record();
    m_title->setText(tr("Export %1 — %2").arg(r.id, r.profileName));
    m_state->setText(r.activity.isEmpty() || ExportStates::isTerminal(r.state)
                         ? ExportStates::displayName(r.state)
                         : tr("%1 — %2").arg(ExportStates::displayName(r.state), r.activity));
    QStringList message{r.message};
    if (!r.cleanupNote.isEmpty()) {
        message << r.cleanupNote;
    }
    m_message->setText(message.join(QLatin1Char('\n')).trimmed());
    m_transactionTime->setText(formatTime(r.transactionTime));
    m_folder->setText(QDir::toNativeSeparators(r.outputDir));
    const QString errors = errorSummary(r);
    if (errors != m_errors->toPlainText()) {
        m_errors->setPlainText(errors);
    }
    const QString request = requestAsSent(r);
    if (request != m_request->toPlainText()) {
        m_request->setPlainText(request);
    }
    if (!m_qualityLoaded) {
        loadQualityReport();
    }
}

void ExportDetailView::loadQualityReport()
{
    m_quality->clear();
    m_qualitySummary->setText(m_job->record().qualitySummary.isEmpty()
                                  ? tr("The quality report is written when the export completes.")
                                  : m_job->record().qualitySummary);
    QFile file(m_job->record().outputDir + QStringLiteral("/report.json"));
    if (m_job->state() != ExportState::Completed || !file.open(QIODevice::ReadOnly)) {
        return;
    }
    const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
    m_qualityLoaded = true;
    m_qualitySummary->setText(QualityReport::summary(report) +
                              (report.value(QStringLiteral("sinceTrustworthy")).toBool(true)
                                   ? QString()
                                   : QLatin1Char('\n') + tr("Some resources have no meta.lastUpdated: a later "
                                                            "_since export cannot see changes to them.")));
    const QLocale locale;
    const QJsonObject types = report.value(QStringLiteral("types")).toObject();
    for (auto it = types.constBegin(); it != types.constEnd(); ++it) {
        const QJsonObject t = it.value().toObject();
        auto *item = new QTreeWidgetItem(m_quality);
        item->setText(0, it.key());
        item->setText(1, locale.toString(t.value(QStringLiteral("resources")).toInteger()));
        item->setText(2, t.contains(QStringLiteral("manifestCount"))
                             ? locale.toString(t.value(QStringLiteral("manifestCount")).toInteger())
                             : tr("not given"));
        item->setText(3, locale.toString(t.value(QStringLiteral("duplicateIds")).toInteger()));
        item->setText(4, locale.toString(t.value(QStringLiteral("withoutLastUpdated")).toInteger()));
        if (t.contains(QStringLiteral("matchesManifest")) && !t.value(QStringLiteral("matchesManifest")).toBool()) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int c = 0; c < m_quality->columnCount(); ++c) {
                item->setFont(c, bold);
            }
        }
    }
}

QString ExportDetailView::messageText() const
{
    return m_message->text();
}

QString ExportDetailView::errorSummaryText() const
{
    return m_errors->toPlainText();
}

QString ExportDetailView::requestText() const
{
    return m_request->toPlainText();
}

QString ExportDetailView::qualityText() const
{
    QStringList out{m_qualitySummary->text()};
    for (int i = 0; i < m_quality->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_quality->topLevelItem(i);
        QStringList cells;
        for (int c = 0; c < m_quality->columnCount(); ++c) {
            cells << item->text(c);
        }
        out << cells.join(QLatin1Char('\t'));
    }
    return out.join(QLatin1Char('\n'));
}
