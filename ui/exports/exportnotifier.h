#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class ExportJob;
class ExportManager;
class QSystemTrayIcon;

// Tells a person when an export finishes while they look elsewhere, and sums up what is running for the window
// title. Watches every job of the manager (present and added later):
//  - when one completes, fails or expires (not when the person cancelled it) emits notified() and, where the
//    platform has a system tray, shows it as a tray message (QSystemTrayIcon; the notifier creates its own icon
//    unless given one with setTrayIcon());
//  - every updateInterval() (500 ms) recomputes the overall progress of the running exports and emits
//    overallProgressChanged() when it or the number running changed.
//
// For the main window:
//   auto *notifier = new ExportNotifier(manager, this);
//   connect(notifier, &ExportNotifier::overallProgressChanged, this,
//           [this, notifier] { setWindowTitle(notifier->titleText(tr("Ferry"))); });
class ExportNotifier : public QObject
{
    Q_OBJECT

public:
    explicit ExportNotifier(ExportManager *manager, QObject *parent = nullptr);

    // Use the application's tray icon for messages instead of one of the notifier's own (nullptr: back to own).
    void setTrayIcon(QSystemTrayIcon *icon);
    QSystemTrayIcon *trayIcon() const;
    // False where the platform offers no tray (offscreen, some Wayland desktops): notified() still fires.
    static bool trayAvailable();

    int overallProgress() const { return m_percent; } // 0–100; -1 when nothing running can tell
    int runningCount() const { return m_running; }
    // `base` with the running exports in front: "42% · 2 exports — Ferry", or `base` when none runs.
    QString titleText(const QString &base) const;

    int updateInterval() const { return m_timer.interval(); }
    void setUpdateInterval(int ms) { m_timer.setInterval(ms); }
    void refresh(); // recompute now (tests)

signals:
    void notified(ExportJob *job, const QString &title, const QString &text);
    void overallProgressChanged(int percent, int running);

private:
    void watch(ExportJob *job);
    void onFinished(ExportJob *job);

    QPointer<ExportManager> m_manager;
    QPointer<QSystemTrayIcon> m_tray;
    bool m_ownTray = false;
    QTimer m_timer;
    int m_percent = -1;
    int m_running = 0;
};
