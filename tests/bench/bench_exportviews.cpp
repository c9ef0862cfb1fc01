// How the exports list holds up with 10,000 exports: ExportsModel + a sorting proxy + QTableView with
// ExportProgressDelegate, offscreen. Not a test: it prints figures.
//
//   bench_exportviews [rows=10000] [rounds=20] [signals-per-row=10]
//
// Each round every export reports `signals-per-row` file progress signals and one changed() (what a busy engine
// emits between two ticks), then the model's tick runs (one dataChanged over every dirty row; the proxy re-sorts)
// and the visible part of the view is repainted. Printed: time to add the rows; per round the cost of the
// signals, of the tick and of the repaint (median and worst); and the delegate's cost per painted bar.
// Jobs are real ExportJobs built from records in every state, never started (no network).

#include "exports/exportprogressdelegate.h"
#include "exports/exportroles.h"
#include "exports/exportsmodel.h"

#include "auth/noauthorizer.h"
#include "export/exportjob.h"
#include "export/journal.h"
#include "util/clock.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QImage>
#include <QPixmap>
#include <QNetworkAccessManager>
#include <QPainter>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

ExportRecord record(int i, const QDateTime &now)
{
    ExportRecord r;
    r.id = QStringLiteral("bench-%1").arg(i, 5, 10, QLatin1Char('0'));
    r.profileName = QStringLiteral("server %1").arg(i % 7);
    r.request.base = QUrl(QStringLiteral("https://fhir.example.org/r4"));
    r.request.groupId = QStringLiteral("group-%1").arg(i % 50);
    r.createdAt = now.addSecs(-i);
    r.outputDir = QStringLiteral("/nonexistent/bench/%1").arg(i);
    static const ExportState kStates[] = {ExportState::Downloading, ExportState::Downloading, ExportState::Polling,
                                          ExportState::Polling,     ExportState::Completed,   ExportState::Failed};
    r.state = kStates[i % 6];
    if (r.state == ExportState::Polling && i % 2 == 0) {
        r.progress = ExportProgress::fromHeader(QByteArray::number(i % 100) + "% complete"); // determinate
    }
    if (r.state != ExportState::Polling) {
        for (int f = 0; f < 20; ++f) {
            FileRecord file;
            file.index = f;
            file.type = QStringLiteral("Observation");
            file.name = QStringLiteral("Observation.%1.ndjson").arg(f + 1, 6, 10, QLatin1Char('0'));
            file.count = 1000;
            const bool done = r.state == ExportState::Completed || f < 8;
            file.state = done ? FileRecord::State::Verified : FileRecord::State::Downloading;
            file.bytes = done ? 1'500'000 : 0;
            file.lines = done ? 1000 : 0;
            r.files << file;
        }
    }
    return r;
}

struct Stats
{
    std::vector<double> ms;
    void add(qint64 ns) { ms.push_back(double(ns) / 1e6); }
    double median()
    {
        std::sort(ms.begin(), ms.end());
        return ms.empty() ? 0 : ms[ms.size() / 2];
    }
    double worst() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int rows = args.size() > 1 ? args.at(1).toInt() : 10000;
    const int rounds = args.size() > 2 ? args.at(2).toInt() : 20;
    const int perRow = args.size() > 3 ? args.at(3).toInt() : 10;
    QTextStream out(stdout);

    QTemporaryDir scratch;
    Journal journal(scratch.path() + QStringLiteral("/jobs"));
    QNetworkAccessManager nam;
    Clock clock;
    NoAuthorizer noAuth;
    ExportServices services;
    services.nam = &nam;
    services.authorizer = &noAuth;
    services.clock = &clock;
    services.journal = &journal;

    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::vector<std::unique_ptr<ExportJob>> jobs;
    jobs.reserve(size_t(rows));
    for (int i = 0; i < rows; ++i) {
        jobs.push_back(std::make_unique<ExportJob>(record(i, now), VendorProfile::generic(), services));
    }

    ExportsModel model(nullptr);
    model.setUpdateInterval(60 * 60 * 1000); // the benchmark drives the ticks itself (flush())
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(ExportRoles::RawValue);
    QTableView view;
    view.setModel(&proxy);
    auto *delegate = new ExportProgressDelegate(&view);
    view.setItemDelegate(delegate);
    view.setSortingEnabled(true);
    view.sortByColumn(ExportsModel::Bytes, Qt::DescendingOrder); // a column that changes every round
    view.resize(1600, 1000);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) {
        out << "the view was never exposed\n";
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    for (const auto &job : jobs) {
        model.addJob(job.get());
    }
    const double insertMs = double(timer.nsecsElapsed()) / 1e6;
    view.viewport()->grab();

    QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
    Stats signalStats;
    Stats tickStats;
    Stats paintStats;
    qint64 emitted = 0;
    for (int round = 0; round < rounds; ++round) {
        timer.restart();
        for (int i = 0; i < rows; ++i) {
            ExportJob *job = jobs[size_t(i)].get();
            if (job->state() != ExportState::Downloading) {
                continue;
            }
            for (int s = 0; s < perRow; ++s) {
                const qint64 bytes = qint64(round * perRow + s + 1) * 4096 + i;
                emit job->fileProgress(8 + s % 12, bytes, bytes / 1500);
                ++emitted;
            }
            emit job->changed();
            ++emitted;
        }
        signalStats.add(timer.nsecsElapsed());
        timer.restart();
        model.flush();
        tickStats.add(timer.nsecsElapsed());
        timer.restart();
        // grab() paints the viewport now, whatever the platform does with expose events.
        const QPixmap frame = view.viewport()->grab();
        paintStats.add(timer.nsecsElapsed());
    }

    // The delegate alone: every Progress cell painted into an image, determinate and indeterminate mixed.
    QImage canvas(view.columnWidth(ExportsModel::Progress), view.verticalHeader()->defaultSectionSize(),
                  QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&canvas);
    QStyleOptionViewItem option;
    option.initFrom(&view);
    option.widget = &view;
    option.rect = canvas.rect();
    int indeterminate = 0;
    timer.restart();
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = model.index(row, ExportsModel::Progress);
        indeterminate += index.data(ExportRoles::Progress).toDouble() < 0;
        delegate->paint(&painter, option, index);
    }
    const double delegateUs = double(timer.nsecsElapsed()) / 1e3 / rows;
    painter.end();

    out << "bench_exportviews: " << rows << " exports, " << rounds << " rounds, " << perRow
        << " file progress signals per downloading export per round\n";
    out << QStringLiteral("  add %1 rows to the model (view attached, sorted):  %2 ms\n")
               .arg(rows)
               .arg(insertMs, 0, 'f', 1);
    out << QStringLiteral("  signals emitted: %1 in total; dataChanged emitted: %2 (one per tick)\n")
               .arg(emitted)
               .arg(dataChanged.count());
    out << QStringLiteral("  per round  signals: median %1 ms, worst %2 ms\n")
               .arg(signalStats.median(), 0, 'f', 2)
               .arg(signalStats.worst(), 0, 'f', 2);
    out << QStringLiteral("             tick (dataChanged + proxy re-sort): median %1 ms, worst %2 ms\n")
               .arg(tickStats.median(), 0, 'f', 2)
               .arg(tickStats.worst(), 0, 'f', 2);
    out << QStringLiteral("             repaint of the visible rows (%1 px viewport): median %2 ms, worst %3 ms\n")
               .arg(QStringLiteral("%1x%2").arg(view.viewport()->width()).arg(view.viewport()->height()))
               .arg(paintStats.median(), 0, 'f', 2)
               .arg(paintStats.worst(), 0, 'f', 2);
    out << QStringLiteral("  delegate: %1 µs per progress bar (%2 of %3 indeterminate), style %4\n")
               .arg(delegateUs, 0, 'f', 1)
               .arg(indeterminate)
               .arg(rows)
               .arg(QApplication::style()->name())
        << '\n';
    return 0;
}
