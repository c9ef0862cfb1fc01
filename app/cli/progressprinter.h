#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

class ExportJob;

// Reports one export's progress on stderr: a live one-line bar on a terminal, plain periodic lines otherwise
// (logs, CI). Reads the job; never changes it.
class ProgressPrinter : public QObject
{
    Q_OBJECT

public:
    ProgressPrinter(ExportJob *job, bool interactive, QObject *parent = nullptr);

    void finish(); // ends the live line before the final report

    static QString formatBytes(qint64 bytes);

private:
    void tick();
    QString line() const;
    void print(const QString &text, bool live);
    qint64 bytesNow() const;

    ExportJob *m_job;
    bool m_interactive;
    QTimer m_timer;
    QElapsedTimer m_clock;
    QHash<int, qint64> m_inflight; // bytes of files still downloading
    qint64 m_lastBytes = 0;
    qint64 m_lastMs = 0;
    double m_speed = 0; // bytes per second, smoothed
    QString m_lastPlain;
    qint64 m_lastPlainMs = 0;
    int m_lastState = -1;
    int m_liveWidth = 0;
};
