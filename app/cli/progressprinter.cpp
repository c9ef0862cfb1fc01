#include "progressprinter.h"

#include "export/exportjob.h"
#include "util/durationtext.h"

#include <QTextStream>

#include <sys/ioctl.h>
#include <unistd.h>

namespace {
constexpr int kTickMs = 250;
constexpr qint64 kPlainIntervalMs = 10'000;

int terminalWidth()
{
    winsize ws{};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20) {
        return ws.ws_col;
    }
    return 100;
}
} // namespace

ProgressPrinter::ProgressPrinter(ExportJob *job, bool interactive, QObject *parent)
    : QObject(parent)
    , m_job(job)
    , m_interactive(interactive)
{
    m_clock.start();
    connect(job, &ExportJob::fileProgress, this, [this](int index, qint64 bytes) { m_inflight[index] = bytes; });
    connect(job, &ExportJob::changed, this, [this] {
        // Files that reached a final state are counted from the record, not from their last progress signal.
        // Only the few files in flight are looked at, not every file of the export.
        const ExportRecord &r = m_job->record();
        m_inflight.removeIf([&r](const QHash<int, qint64>::iterator it) {
            const FileRecord *f = r.file(it.key());
            return f && f->isFinal();
        });
    });
    connect(&m_timer, &QTimer::timeout, this, &ProgressPrinter::tick);
    m_timer.start(kTickMs);
}

QString ProgressPrinter::formatBytes(qint64 bytes)
{
    const double b = static_cast<double>(bytes);
    if (b < 1024) {
        return QStringLiteral("%1 B").arg(bytes);
    }
    if (b < 1024.0 * 1024) {
        return QStringLiteral("%1 KB").arg(b / 1024, 0, 'f', 1);
    }
    if (b < 1024.0 * 1024 * 1024) {
        return QStringLiteral("%1 MB").arg(b / (1024 * 1024), 0, 'f', 1);
    }
    return QStringLiteral("%1 GB").arg(b / (1024.0 * 1024 * 1024), 0, 'f', 2);
}

qint64 ProgressPrinter::bytesNow() const
{
    qint64 sum = 0;
    for (const FileRecord &f : m_job->record().files) {
        if (f.isFinal()) {
            sum += f.bytes;
        }
    }
    for (qint64 b : m_inflight) {
        sum += b;
    }
    return sum;
}

QString ProgressPrinter::line() const
{
    const ExportRecord &r = m_job->record();
    const QString state = ExportStates::displayName(r.state);
    if (r.state == ExportState::Downloading || (r.state == ExportState::Polling && !r.files.isEmpty())) {
        const int total = static_cast<int>(r.files.size());
        const int done = r.filesFinal();
        const double fraction = total > 0 ? double(done) / total : 0.0;
        QString text;
        if (m_interactive) {
            const int width = 20;
            const int filled = static_cast<int>(fraction * width);
            text = QLatin1Char('[') + QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('-')) +
                   QStringLiteral("] ");
        }
        text += QStringLiteral("%1  %2/%3 files  %4").arg(state).arg(done).arg(total).arg(formatBytes(bytesNow()));
        if (m_speed > 0) {
            text += QStringLiteral("  %1/s").arg(formatBytes(static_cast<qint64>(m_speed)));
            if (done > 0 && done < total) {
                const double perFile = double(bytesNow()) / std::max(1, done);
                const double remaining = perFile * (total - done) / m_speed;
                text += QStringLiteral("  ETA %1")
                            .arg(DurationText::format(std::chrono::milliseconds(qint64(remaining * 1000))));
            }
        }
        if (m_job->downloadConcurrency() > 0 && m_job->downloadConcurrency() < r.parallelDownloads) {
            text += QStringLiteral("  (server busy: %1 at a time)").arg(m_job->downloadConcurrency());
        }
        return text;
    }
    QString text = state;
    if (!r.progress.text.isEmpty()) {
        text += QStringLiteral(" (") + r.progress.text + QLatin1Char(')');
    }
    if (!r.activity.isEmpty()) {
        text += QStringLiteral(" — ") + r.activity;
    }
    return text;
}

void ProgressPrinter::tick()
{
    const qint64 now = m_clock.elapsed();
    const qint64 bytes = bytesNow();
    if (now - m_lastMs >= 1000) {
        const double instant = double(bytes - m_lastBytes) * 1000.0 / double(now - m_lastMs);
        m_speed = m_speed <= 0 ? instant : 0.7 * m_speed + 0.3 * instant;
        m_lastBytes = bytes;
        m_lastMs = now;
    }
    const QString text = line();
    if (m_interactive) {
        print(text, true);
    } else {
        // Plain output: a line when the state changes, otherwise at most one every 10 s and only when it differs.
        const int state = static_cast<int>(m_job->state());
        const bool stateChanged = state != m_lastState;
        if (stateChanged || (text != m_lastPlain && now - m_lastPlainMs >= kPlainIntervalMs)) {
            print(text, false);
            m_lastPlain = text;
            m_lastPlainMs = now;
            m_lastState = state;
        }
    }
}

void ProgressPrinter::print(const QString &text, bool live)
{
    QTextStream err(stderr);
    if (live) {
        const int width = terminalWidth() - 1;
        QString shown = text.left(width);
        const int pad = std::max(0, m_liveWidth - static_cast<int>(shown.size()));
        err << '\r' << shown << QString(pad, QLatin1Char(' '));
        m_liveWidth = static_cast<int>(shown.size());
    } else {
        err << text << '\n';
    }
    err.flush();
}

void ProgressPrinter::finish()
{
    m_timer.stop();
    if (m_interactive && m_liveWidth > 0) {
        QTextStream err(stderr);
        err << '\r' << QString(m_liveWidth, QLatin1Char(' ')) << '\r';
        err.flush();
        m_liveWidth = 0;
    }
}
