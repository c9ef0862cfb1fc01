#include "exports/exportnotifier.h"

#include "exports/exportsmodel.h"

#include "export/exportjob.h"
#include "export/exportmanager.h"

#include <QApplication>
#include <QStyle>
#include <QSystemTrayIcon>

namespace {
constexpr int kDefaultIntervalMs = 500;
}

ExportNotifier::ExportNotifier(ExportManager *manager, QObject *parent)
    : QObject(parent)
    , m_manager(manager)
{
    qRegisterMetaType<ExportJob *>();
    if (manager) {
        for (ExportJob *job : manager->jobs()) {
            watch(job);
        }
        connect(manager, &ExportManager::jobAdded, this, &ExportNotifier::watch);
    }
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ExportNotifier::refresh);
    m_timer.start();
    setTrayIcon(nullptr);
    refresh();
}

bool ExportNotifier::trayAvailable()
{
    return QSystemTrayIcon::isSystemTrayAvailable();
}

QSystemTrayIcon *ExportNotifier::trayIcon() const
{
    return m_tray;
}

void ExportNotifier::setTrayIcon(QSystemTrayIcon *icon)
{
    if (m_ownTray && m_tray) {
        delete m_tray;
    }
    m_tray = icon;
    m_ownTray = false;
    if (!icon && trayAvailable()) {
        QIcon appIcon = QApplication::windowIcon();
        if (appIcon.isNull()) {
            appIcon = QApplication::style()->standardIcon(QStyle::SP_ArrowDown);
        }
        m_tray = new QSystemTrayIcon(appIcon, this);
        m_tray->setToolTip(tr("Ferry"));
        m_tray->show();
        m_ownTray = true;
    }
}

void ExportNotifier::watch(ExportJob *job)
{
    connect(job, &ExportJob::finished, this, [this, job] { onFinished(job); });
}

void ExportNotifier::onFinished(ExportJob *job)
{
    const ExportRecord &r = job->record();
    const QString what = r.request.level == ExportLevel::Group
                             ? tr("%1, group %2").arg(r.profileName, r.request.groupId)
                             : tr("%1, %2 level").arg(r.profileName, r.request.levelName());
    QString title;
    QString text;
    QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information;
    switch (r.state) {
    case ExportState::Completed:
        title = tr("Export completed");
        text = tr("%1: %n file(s) verified.", nullptr, int(r.files.size())).arg(what);
        break;
    case ExportState::Failed:
        title = tr("Export failed");
        text = what + QStringLiteral(": ") + r.message;
        icon = QSystemTrayIcon::Critical;
        break;
    case ExportState::Expired:
        title = tr("Export expired");
        text = what + QStringLiteral(": ") + r.message;
        icon = QSystemTrayIcon::Warning;
        break;
    default: // cancelled: the person did it and knows
        return;
    }
    emit notified(job, title, text);
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        m_tray->showMessage(title, text, icon);
    }
    refresh();
}

void ExportNotifier::refresh()
{
    int running = 0;
    int known = 0;
    double sum = 0;
    if (m_manager) {
        for (const ExportJob *job : m_manager->jobs()) {
            if (ExportStates::isTerminal(job->state())) {
                continue;
            }
            ++running;
            const double p = ExportsModel::progressOf(job->record());
            if (p >= 0) {
                sum += p;
                ++known;
            }
        }
    }
    const int percent = known > 0 ? int(sum / known) : -1;
    if (percent != m_percent || running != m_running) {
        m_percent = percent;
        m_running = running;
        if (m_tray) {
            m_tray->setToolTip(titleText(tr("Ferry")));
        }
        emit overallProgressChanged(percent, running);
    }
}

QString ExportNotifier::titleText(const QString &base) const
{
    if (m_running == 0) {
        return base;
    }
    const QString running = tr("%n export(s)", nullptr, m_running);
    return m_percent >= 0 ? tr("%1% · %2 — %3").arg(m_percent).arg(running, base) : tr("%1 — %2").arg(running, base);
}
