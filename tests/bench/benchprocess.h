#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/types.h>

// Child processes for bench_export, measured the way the kernel sees them: wall time around spawn..wait4, and
// wait4's rusage (user + system CPU, ru_maxrss = the child's peak resident set). posix_spawn, not QProcess, so
// nothing else reaps the child and the rusage belongs to exactly that process.
namespace BenchProcess {

struct Stats
{
    int exitCode = -1; // -1: ended by a signal
    double wallSeconds = 0;
    double cpuSeconds = 0; // user + system
    qint64 peakRssKiB = 0;
    qint64 startEpochMs = 0; // wall clock at spawn and at exit, to line up with timestamps the child wrote
    qint64 endEpochMs = 0;
};

// The current environment with `overrides` ("NAME=value") applied.
QStringList environment(const QStringList &overrides = {});

// Starts argv[0] (looked up in PATH) with stdin from /dev/null and stdout/stderr into the given files.
pid_t spawn(const QStringList &argv, const QString &stdoutPath, const QString &stderrPath,
            const QStringList &env = environment());
Stats run(const QStringList &argv, const QString &stdoutPath, const QString &stderrPath,
          const QStringList &env = environment());

// user + system CPU seconds a running process has used so far (/proc/PID/stat), or -1.
double cpuSecondsOf(pid_t pid);
// The 1-minute load average (/proc/loadavg): the machine is shared, so the figures say how busy it was.
QString loadAverage();
// syncfs(2) on the file system holding `path`: nobody's run pays for another's write-back.
void syncFileSystem(const QString &path);
// Writes back and drops the page cache of every file under `dir` (posix_fadvise DONTNEED), so that the next run
// finds as much free memory as this one did instead of paying for reclaiming this run's pages.
void evictFromCache(const QString &dir);

// One untimed HTTP exchange through curl (the benchmark's protocol steps for curl's side: kick-off, polls,
// manifest, DELETE). `workDir` holds the scratch files.
struct HttpAnswer
{
    int status = 0;
    QByteArray headers; // raw, as received
    QByteArray body;
    QByteArray header(const QByteArray &name) const;
};
HttpAnswer http(const QString &method, const QString &url, const QStringList &headers, const QString &workDir);

} // namespace BenchProcess
