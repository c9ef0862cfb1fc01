#include "benchprocess.h"

#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>

#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

std::vector<char *> pointers(std::vector<QByteArray> &strings)
{
    std::vector<char *> out;
    out.reserve(strings.size() + 1);
    for (QByteArray &s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

std::vector<QByteArray> local8Bit(const QStringList &list)
{
    std::vector<QByteArray> out;
    out.reserve(static_cast<size_t>(list.size()));
    for (const QString &s : list) {
        out.push_back(s.toLocal8Bit());
    }
    return out;
}

double seconds(const timeval &tv)
{
    return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
}

} // namespace

namespace BenchProcess {

QStringList environment(const QStringList &overrides)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &o : overrides) {
        const qsizetype eq = o.indexOf(QLatin1Char('='));
        env.insert(o.left(eq), o.mid(eq + 1));
    }
    return env.toStringList();
}

pid_t spawn(const QStringList &argv, const QString &stdoutPath, const QString &stderrPath, const QStringList &env)
{
    std::vector<QByteArray> args = local8Bit(argv);
    std::vector<QByteArray> vars = local8Bit(env);
    std::vector<char *> argp = pointers(args);
    std::vector<char *> envp = pointers(vars);
    const QByteArray out = QFile::encodeName(stdoutPath);
    const QByteArray err = QFile::encodeName(stderrPath);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    const int rc = posix_spawnp(&pid, argp[0], &actions, nullptr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

Stats run(const QStringList &argv, const QString &stdoutPath, const QString &stderrPath, const QStringList &env)
{
    Stats s;
    QElapsedTimer timer;
    s.startEpochMs = QDateTime::currentMSecsSinceEpoch();
    timer.start();
    const pid_t pid = spawn(argv, stdoutPath, stderrPath, env);
    if (pid < 0) {
        return s;
    }
    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    s.wallSeconds = double(timer.nsecsElapsed()) / 1e9;
    s.endEpochMs = QDateTime::currentMSecsSinceEpoch();
    s.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    s.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    s.peakRssKiB = usage.ru_maxrss;
    return s;
}

double cpuSecondsOf(pid_t pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray stat = f.readAll();
    // Fields after "(comm)": state is the first; utime and stime are fields 14 and 15 of the whole line.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13) {
        return -1;
    }
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    return (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly)) {
        return QStringLiteral("?");
    }
    return QString::fromLatin1(f.readAll().split(' ').value(0));
}

void syncFileSystem(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::syncfs(fd);
        ::close(fd);
    }
}

void evictFromCache(const QString &dir)
{
    syncFileSystem(dir);
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const int fd = ::open(QFile::encodeName(it.next()).constData(), O_RDONLY);
        if (fd >= 0) {
            ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
            ::close(fd);
        }
    }
}

QByteArray HttpAnswer::header(const QByteArray &name) const
{
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0) {
            return line.mid(colon + 1).trimmed();
        }
    }
    return {};
}

HttpAnswer http(const QString &method, const QString &url, const QStringList &headers, const QString &workDir)
{
    const QString head = workDir + QStringLiteral("/http.head");
    const QString body = workDir + QStringLiteral("/http.body");
    const QString code = workDir + QStringLiteral("/http.code");
    QStringList argv{QStringLiteral("curl"), QStringLiteral("-sS"),
                     QStringLiteral("-X"),   method,
                     QStringLiteral("-D"),   head,
                     QStringLiteral("-o"),   body,
                     QStringLiteral("-w"),   QStringLiteral("%{http_code}")};
    for (const QString &h : headers) {
        argv << QStringLiteral("-H") << h;
    }
    argv << url;
    HttpAnswer a;
    if (run(argv, code, workDir + QStringLiteral("/http.err")).exitCode != 0) {
        return a;
    }
    auto read = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    a.status = read(code).trimmed().toInt();
    a.headers = read(head);
    a.body = read(body);
    return a;
}

} // namespace BenchProcess
