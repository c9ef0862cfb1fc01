// Ferry's whole export (the real `ferry-cli export`) against curl fetching the same files, side by side, on the
// same ferry-sandbox process. Not a test: it prints figures. See tests/bench/README.md.
//
//   bench_export [--scenarios large,small] [--runs 3] [--warmup 1] [--parallel 4] [--gzip] [--nice N] [--work DIR]
//                [--bin DIR] [--baseline DIR] [--keep]
//
// Per scenario: one sandbox; one untimed warm-up of each side; then `runs` measured rounds, alternating which
// side goes first. Ferry: `ferry-cli export --system --type Patient` (kick-off, poll, download, verify every line,
// SHA-256, rename, manifest.json + export.json, syncfs, DELETE). curl: an untimed kick-off and poll of its own job
// (same sandbox, same deterministic bytes), then `curl --parallel --parallel-max N` over the manifest's URLs into
// files, timed. Every round checks that both sides wrote the same number of bytes per file; the first measured
// round also compares curl's files' SHA-256 with the ones Ferry recorded.

#include "benchprocess.h"
#include "export/sha256.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <optional>
#include <csignal>

#include <sys/resource.h>
#include <sys/wait.h>

namespace {

QTextStream out(stdout);

struct Scenario
{
    QString name;
    QString what;
    QStringList sandboxArgs;
    // ext4 skips inodes freed in the last minute or so when it allocates new ones (ialloc.c recently_deleted), so
    // creating 10,000 files right after deleting 10,000 costs several times more kernel time, and on a file system
    // mounted with `discard` every unlink waits for the device. Outputs of such scenarios stay until every
    // scenario is done; the few huge files of the others are deleted after every run.
    bool manyFiles = false;
};

const QList<Scenario> &scenarios()
{
    auto large = [](int patients, int perFile) {
        return QStringList{QStringLiteral("--patients"),           QString::number(patients),
                           QStringLiteral("--resource-bytes"),     QStringLiteral("500000"),
                           QStringLiteral("--resources-per-file"), QString::number(perFile)};
    };
    static const QList<Scenario> list{
        {QStringLiteral("large-1g"), QStringLiteral("4 files x 500 lines x 500,001 B"), large(2000, 500)},
        {QStringLiteral("large"), QStringLiteral("4 files x 1000 lines x 500,001 B"), large(4000, 1000)},
        {QStringLiteral("large-4g"), QStringLiteral("4 files x 2000 lines x 500,001 B"), large(8000, 2000)},
        {QStringLiteral("small"),
         QStringLiteral("10,000 files x 100 Patients"),
         {QStringLiteral("--patients"), QStringLiteral("1000000"), QStringLiteral("--resources-per-file"),
          QStringLiteral("100")},
         true},
        {QStringLiteral("small-20k"),
         QStringLiteral("20,000 files x 100 Patients"),
         {QStringLiteral("--patients"), QStringLiteral("2000000"), QStringLiteral("--resources-per-file"),
          QStringLiteral("100")},
         true},
    };
    return list;
}

struct Options
{
    QStringList scenarios{QStringLiteral("large"), QStringLiteral("small")};
    int runs = 3;
    int warmup = 1;
    int parallel = 4;
    bool gzip = false;
    bool keep = false;
    QString baseline; // another build's bin folder: its ferry-cli runs in the same rounds (before/after)
    int nice = 0;
    QString work;
    QString bin;
};

// One side's run.
struct Sample
{
    BenchProcess::Stats stats;
    double downloadSeconds = 0; // Ferry: from the manifest's arrival (export.json timings) to exit; curl: wall
    double sandboxCpu = 0;
    QList<qint64> sizes; // per file, manifest order
    QList<QByteArray> sha256;
    qint64 bytes = 0;
    QString problem;
};

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

double median(QList<double> v)
{
    if (v.isEmpty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

QString fixed(double v, int decimals = 2)
{
    return QString::number(v, 'f', decimals);
}

class Bench
{
public:
    Bench(const Options &o, const Scenario &s)
        : m_o(o)
        , m_s(s)
        , m_dir(o.work + QLatin1Char('/') + s.name)
    {
    }

    bool startSandbox()
    {
        QDir().mkpath(m_dir);
        // Started under another name: a broad `pkill ferry-sandbox` elsewhere on a shared machine has ended the
        // benchmark's sandbox mid-run before.
        const QString exe = m_dir + QStringLiteral("/bench-sandbox");
        QFile::remove(exe);
        QFile::link(m_o.bin + QStringLiteral("/ferry-sandbox"), exe);
        QStringList argv{exe};
        argv << m_s.sandboxArgs << QStringLiteral("--polls") << QStringLiteral("0") << QStringLiteral("--quiet");
        if (!m_o.gzip) {
            argv << QStringLiteral("--no-gzip");
        }
        m_sandbox =
            BenchProcess::spawn(argv, m_dir + QStringLiteral("/sandbox.out"), m_dir + QStringLiteral("/sandbox.err"));
        for (int i = 0; i < 600 && m_sandbox > 0; ++i) {
            const QByteArray line = readFile(m_dir + QStringLiteral("/sandbox.out"));
            if (line.endsWith('\n')) {
                m_base = QJsonDocument::fromJson(line).object().value(QStringLiteral("fhirBase")).toString();
                out << "sandbox: " << argv.mid(1).join(QLatin1Char(' ')) << "\n  at " << m_base << "\n";
                return !m_base.isEmpty();
            }
            QThread::msleep(50);
        }
        return false;
    }

    bool sandboxAlive() const { return m_sandbox > 0 && ::waitpid(m_sandbox, nullptr, WNOHANG) == 0; }

    void stopSandbox()
    {
        if (m_sandbox > 0) {
            ::kill(m_sandbox, SIGTERM);
            ::waitpid(m_sandbox, nullptr, 0);
            m_sandbox = -1;
        }
    }

    // `run` names the output folders; 0 is the warm-up.
    // `bin` holds the ferry-cli to run; `tag` names its output folders.
    Sample ferry(int run, const QString &bin, const QString &tag = QStringLiteral("ferry"))
    {
        const QString outDir = m_dir + QStringLiteral("/%1-%2").arg(tag).arg(run);
        const QString dataDir = m_dir + QStringLiteral("/%1-data-%2").arg(tag).arg(run);
        clean(outDir);
        clean(dataDir);
        BenchProcess::syncFileSystem(m_dir);
        const QStringList argv{bin + QStringLiteral("/ferry-cli"),
                               QStringLiteral("export"),
                               QStringLiteral("--base"),
                               m_base,
                               QStringLiteral("--system"),
                               QStringLiteral("--type"),
                               QStringLiteral("Patient"),
                               QStringLiteral("--out"),
                               outDir,
                               QStringLiteral("--label"),
                               QStringLiteral("bench"),
                               QStringLiteral("--parallel"),
                               QString::number(m_o.parallel)};
        Sample s;
        const double cpu0 = BenchProcess::cpuSecondsOf(m_sandbox);
        s.stats = BenchProcess::run(argv, m_dir + QStringLiteral("/ferry.out"), m_dir + QStringLiteral("/ferry.err"),
                                    BenchProcess::environment({QStringLiteral("FERRY_DATA_DIR=") + dataDir}));
        s.sandboxCpu = BenchProcess::cpuSecondsOf(m_sandbox) - cpu0;
        if (s.stats.exitCode != 0) {
            s.problem = QStringLiteral("ferry-cli exited %1 (see %2/ferry.err)").arg(s.stats.exitCode).arg(m_dir);
            return s;
        }
        const QString exportDir = QString::fromLocal8Bit(readFile(m_dir + QStringLiteral("/ferry.out")).trimmed());
        const QJsonObject summary =
            QJsonDocument::fromJson(readFile(exportDir + QStringLiteral("/export.json"))).object();
        const QDateTime manifestAt = QDateTime::fromString(
            summary.value(QStringLiteral("timings")).toObject().value(QStringLiteral("manifest")).toString(),
            Qt::ISODateWithMs);
        s.downloadSeconds = double(s.stats.endEpochMs - manifestAt.toMSecsSinceEpoch()) / 1000.0;
        for (const QJsonValue &v : summary.value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = v.toObject();
            if (f.value(QStringLiteral("state")).toString() != QLatin1String("verified")) {
                s.problem =
                    QStringLiteral("%1 is %2")
                        .arg(f.value(QStringLiteral("name")).toString(), f.value(QStringLiteral("state")).toString());
            }
            s.sizes << QFileInfo(exportDir + QLatin1Char('/') + f.value(QStringLiteral("name")).toString()).size();
            s.sha256 << f.value(QStringLiteral("sha256")).toString().toLatin1();
            s.bytes += s.sizes.constLast();
        }
        BenchProcess::evictFromCache(outDir);
        return s;
    }

    Sample curl(int run, bool hash)
    {
        Sample s;
        QString statusUrl;
        const QStringList urls = kickoff(&statusUrl, &s.problem);
        if (urls.isEmpty()) {
            return s;
        }
        const QString outDir = m_dir + QStringLiteral("/curl-%1").arg(run);
        clean(outDir);
        QByteArray config;
        for (qsizetype i = 0; i < urls.size(); ++i) {
            config += "url = \"" + urls.at(i).toUtf8() + "\"\noutput = \"" +
                      QFile::encodeName(outDir + QStringLiteral("/%1.ndjson").arg(i + 1, 6, 10, QLatin1Char('0'))) +
                      "\"\n";
        }
        QFile cfg(m_dir + QStringLiteral("/curl.cfg"));
        if (!cfg.open(QIODevice::WriteOnly) || cfg.write(config) != config.size()) {
            s.problem = QStringLiteral("cannot write curl.cfg");
            return s;
        }
        cfg.close();
        BenchProcess::syncFileSystem(m_dir);
        QStringList argv{QStringLiteral("curl"),
                         QStringLiteral("--parallel"),
                         QStringLiteral("--parallel-max"),
                         QString::number(m_o.parallel),
                         QStringLiteral("--parallel-immediate"),
                         QStringLiteral("--silent"),
                         QStringLiteral("--show-error"),
                         QStringLiteral("--fail"),
                         QStringLiteral("-H"),
                         QStringLiteral("Accept: application/fhir+ndjson")};
        if (m_o.gzip) {
            argv << QStringLiteral("--compressed");
        }
        argv << QStringLiteral("--config") << cfg.fileName();
        const double cpu0 = BenchProcess::cpuSecondsOf(m_sandbox);
        s.stats = BenchProcess::run(argv, m_dir + QStringLiteral("/curl.out"), m_dir + QStringLiteral("/curl.err"));
        s.sandboxCpu = BenchProcess::cpuSecondsOf(m_sandbox) - cpu0;
        s.downloadSeconds = s.stats.wallSeconds;
        BenchProcess::http(QStringLiteral("DELETE"), statusUrl, {}, m_dir);
        if (s.stats.exitCode != 0) {
            s.problem = QStringLiteral("curl exited %1 (see %2/curl.err)").arg(s.stats.exitCode).arg(m_dir);
            return s;
        }
        for (qsizetype i = 0; i < urls.size(); ++i) {
            const QString path = outDir + QStringLiteral("/%1.ndjson").arg(i + 1, 6, 10, QLatin1Char('0'));
            s.sizes << QFileInfo(path).size();
            s.bytes += s.sizes.constLast();
            if (hash) {
                s.sha256 << sha256Of(path);
            }
        }
        BenchProcess::evictFromCache(outDir);
        return s;
    }

    // After a run (many-file outputs stay for main() to remove at the very end).
    void cleanUp(int run)
    {
        if (m_o.keep || m_s.manyFiles) {
            return;
        }
        for (const char *name : {"ferry-%1", "ferry-data-%1", "base-%1", "base-data-%1", "curl-%1"}) {
            QDir(m_dir + QLatin1Char('/') + QString::fromLatin1(name).arg(run)).removeRecursively();
        }
    }

private:
    static void clean(const QString &dir)
    {
        QDir(dir).removeRecursively();
        QDir().mkpath(dir);
    }

    static QByteArray sha256Of(const QString &path)
    {
        QFile f(path);
        Sha256 hash;
        if (!f.open(QIODevice::ReadOnly)) {
            return {};
        }
        QByteArray buffer(4 * 1024 * 1024, Qt::Uninitialized);
        for (qint64 n; (n = f.read(buffer.data(), buffer.size())) > 0;) {
            hash.addData(QByteArrayView(buffer.constData(), n));
        }
        return hash.hexResult();
    }

    // curl's own export job: kick-off, poll, every manifest page. Untimed.
    QStringList kickoff(QString *statusUrl, QString *problem)
    {
        const auto k = BenchProcess::http(
            QStringLiteral("GET"), m_base + QStringLiteral("/$export?_type=Patient"),
            {QStringLiteral("Accept: application/fhir+json"), QStringLiteral("Prefer: respond-async")}, m_dir);
        *statusUrl = QString::fromUtf8(k.header("Content-Location"));
        if (k.status != 202 || statusUrl->isEmpty()) {
            *problem = QStringLiteral("kick-off answered %1").arg(k.status);
            return {};
        }
        QString page = *statusUrl;
        QStringList urls;
        for (int attempt = 0; attempt < 1200 && !page.isEmpty();) {
            const auto a =
                BenchProcess::http(QStringLiteral("GET"), page, {QStringLiteral("Accept: application/json")}, m_dir);
            if (a.status == 202) {
                ++attempt;
                QThread::msleep(100);
                continue;
            }
            if (a.status != 200) {
                *problem = QStringLiteral("status answered %1").arg(a.status);
                return {};
            }
            const QJsonObject manifest = QJsonDocument::fromJson(a.body).object();
            for (const QJsonValue &v : manifest.value(QStringLiteral("output")).toArray()) {
                urls << v.toObject().value(QStringLiteral("url")).toString();
            }
            page.clear();
            for (const QJsonValue &v : manifest.value(QStringLiteral("link")).toArray()) {
                if (v.toObject().value(QStringLiteral("relation")).toString() == QLatin1String("next")) {
                    page = v.toObject().value(QStringLiteral("url")).toString();
                }
            }
        }
        return urls;
    }

    const Options &m_o;
    const Scenario &m_s;
    QString m_dir;
    QString m_base;
    pid_t m_sandbox = -1;
};

QString row(const QString &who, const Sample &s)
{
    return QStringLiteral("  %1 %2 s wall, %3 s from manifest, %4 MB/s, CPU %5 s, peak RSS %6 MiB, sandbox CPU %7 s, "
                          "%8 bytes in %9 files%10")
        .arg(who.leftJustified(5))
        .arg(fixed(s.stats.wallSeconds))
        .arg(fixed(s.downloadSeconds))
        .arg(fixed(double(s.bytes) / 1e6 / s.downloadSeconds, 0))
        .arg(fixed(s.stats.cpuSeconds))
        .arg(fixed(double(s.stats.peakRssKiB) / 1024.0, 1))
        .arg(fixed(s.sandboxCpu))
        .arg(s.bytes)
        .arg(s.sizes.size())
        .arg(s.problem.isEmpty() ? QString() : QStringLiteral("  PROBLEM: ") + s.problem);
}

struct Summary
{
    QString scenario;
    int files = 0;
    qint64 bytes = 0;
    QList<double> ferryWall, ferryDownload, ferryCpu, ferryRss, curlWall, curlCpu, curlRss;
    QList<double> baseDownload, baseCpu, baseRss;
    bool valid = true;
};

Summary runScenario(const Options &o, const Scenario &scenario)
{
    Summary sum;
    sum.scenario = scenario.name;
    out << "\n## " << scenario.name << ": " << scenario.what << (o.gzip ? ", gzip" : ", identity (no gzip)") << ", "
        << o.parallel << " in parallel\n";
    Bench bench(o, scenario);
    if (!bench.startSandbox()) {
        out << "  could not start ferry-sandbox\n";
        sum.valid = false;
        return sum;
    }
    if (o.warmup > 0) {
        out << "  warm-up (untimed)\n";
        out.flush();
        bench.ferry(0, o.bin);
        if (!o.baseline.isEmpty()) {
            bench.ferry(0, o.baseline, QStringLiteral("base"));
        }
        bench.curl(0, false);
        bench.cleanUp(0);
    }
    for (int run = 1; run <= o.runs; ++run) {
        if (!bench.sandboxAlive()) {
            out << "  ferry-sandbox is gone (killed from outside?); scenario abandoned\n";
            sum.valid = false;
            break;
        }
        out << "run " << run << " (load average " << BenchProcess::loadAverage() << ")\n";
        out.flush();
        Sample f;
        Sample c;
        Sample b;
        const bool withBase = !o.baseline.isEmpty();
        if (run % 2) {
            f = bench.ferry(run, o.bin);
            b = withBase ? bench.ferry(run, o.baseline, QStringLiteral("base")) : Sample{};
            c = bench.curl(run, run == 1);
        } else {
            c = bench.curl(run, false);
            b = withBase ? bench.ferry(run, o.baseline, QStringLiteral("base")) : Sample{};
            f = bench.ferry(run, o.bin);
        }
        if (withBase && b.sizes != c.sizes && b.problem.isEmpty()) {
            b.problem = QStringLiteral("the baseline's files differ in size from curl's");
        }
        if (f.sizes != c.sizes && c.problem.isEmpty() && f.problem.isEmpty()) {
            c.problem = QStringLiteral("curl's files differ in size from Ferry's");
        }
        if (run == 1 && c.problem.isEmpty() && f.problem.isEmpty()) {
            out << (c.sha256 == f.sha256 ? "  SHA-256 of every curl file equals the one Ferry recorded\n"
                                         : "  SHA-256 MISMATCH between curl's files and Ferry's export.json\n");
            sum.valid = sum.valid && c.sha256 == f.sha256;
        }
        out << row(QStringLiteral("Ferry"), f) << "\n" << row(QStringLiteral("curl"), c) << "\n";
        if (withBase) {
            out << row(QStringLiteral("base"), b) << "\n";
            if (b.problem.isEmpty()) {
                sum.baseDownload << b.downloadSeconds;
                sum.baseCpu << b.stats.cpuSeconds;
                sum.baseRss << double(b.stats.peakRssKiB) / 1024.0;
            }
        }
        out.flush();
        bench.cleanUp(run);
        if (!f.problem.isEmpty() || !c.problem.isEmpty()) {
            sum.valid = false;
            continue;
        }
        sum.files = static_cast<int>(f.sizes.size());
        sum.bytes = f.bytes;
        sum.ferryWall << f.stats.wallSeconds;
        sum.ferryDownload << f.downloadSeconds;
        sum.ferryCpu << f.stats.cpuSeconds;
        sum.ferryRss << double(f.stats.peakRssKiB) / 1024.0;
        sum.curlWall << c.stats.wallSeconds;
        sum.curlCpu << c.stats.cpuSeconds;
        sum.curlRss << double(c.stats.peakRssKiB) / 1024.0;
    }
    bench.stopSandbox();
    return sum;
}

void printTable(const Options &o, const QList<Summary> &all)
{
    out << "\nMedians of " << o.runs << " runs; " << o.parallel << " transfers in parallel on both sides; "
        << (o.gzip ? "gzip (curl --compressed)" : "identity transfer (sandbox --no-gzip)")
        << "; MB = 10^6 bytes. Ferry MB/s counts from the manifest's arrival to exit (download, verify, hash, "
           "rename, export.json, syncfs, DELETE); `export s` adds start-up, kick-off and the first status poll.\n\n";
    out << "| scenario | files | MB | Ferry export s | Ferry download s | Ferry MB/s | curl s | curl MB/s | Ferry/curl "
           "| Ferry CPU s | curl CPU s | Ferry peak RSS MiB | curl peak RSS MiB |\n";
    out << "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
    for (const Summary &s : all) {
        if (s.ferryWall.isEmpty()) {
            out << "| " << s.scenario << " | failed, see above |\n";
            continue;
        }
        const double mb = double(s.bytes) / 1e6;
        const double ferryRate = mb / median(s.ferryDownload);
        const double curlRate = mb / median(s.curlWall);
        out << "| " << s.scenario << (s.valid ? "" : " (see problems above)") << " | " << s.files << " | "
            << fixed(mb, 0) << " | " << fixed(median(s.ferryWall)) << " | " << fixed(median(s.ferryDownload)) << " | "
            << fixed(ferryRate, 0) << " | " << fixed(median(s.curlWall)) << " | " << fixed(curlRate, 0) << " | "
            << fixed(ferryRate / curlRate) << "x | " << fixed(median(s.ferryCpu)) << " | " << fixed(median(s.curlCpu))
            << " | " << fixed(median(s.ferryRss), 1) << " | " << fixed(median(s.curlRss), 1) << " |\n";
    }
    if (o.baseline.isEmpty()) {
        return;
    }
    out << "\nBaseline " << o.baseline << "/ferry-cli, in the same rounds:\n\n"
        << "| scenario | download s | MB/s | Ferry/curl | this build's download time / baseline's | CPU s | "
           "peak RSS MiB |\n"
        << "|---|--:|--:|--:|--:|--:|--:|\n";
    for (const Summary &s : all) {
        if (s.baseDownload.isEmpty() || s.ferryDownload.isEmpty()) {
            continue;
        }
        const double mb = double(s.bytes) / 1e6;
        out << "| " << s.scenario << " | " << fixed(median(s.baseDownload)) << " | "
            << fixed(mb / median(s.baseDownload), 0) << " | " << fixed(median(s.curlWall) / median(s.baseDownload))
            << "x | " << fixed(median(s.ferryDownload) / median(s.baseDownload)) << " | " << fixed(median(s.baseCpu))
            << " | " << fixed(median(s.baseRss), 1) << " |\n";
    }
}

bool parse(const QStringList &args, Options *o)
{
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const QString next = args.value(i + 1);
        if (a == QLatin1String("--scenarios")) {
            o->scenarios = next.split(QLatin1Char(','), Qt::SkipEmptyParts);
        } else if (a == QLatin1String("--runs")) {
            o->runs = std::max(1, next.toInt());
        } else if (a == QLatin1String("--warmup")) {
            o->warmup = std::max(0, next.toInt());
        } else if (a == QLatin1String("--parallel")) {
            o->parallel = std::max(1, next.toInt());
        } else if (a == QLatin1String("--work")) {
            o->work = next;
        } else if (a == QLatin1String("--nice")) {
            o->nice = next.toInt();
        } else if (a == QLatin1String("--baseline")) {
            o->baseline = next;
        } else if (a == QLatin1String("--bin")) {
            o->bin = next;
        } else if (a == QLatin1String("--gzip") || a == QLatin1String("--keep")) {
            (a == QLatin1String("--gzip") ? o->gzip : o->keep) = true;
            continue;
        } else {
            return false;
        }
        ++i;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    Options o;
    o.bin = QCoreApplication::applicationDirPath();
    if (!parse(app.arguments(), &o)) {
        QTextStream(stderr)
            << "usage: bench_export [--scenarios large-1g,large,large-4g,small,small-20k] [--runs 3] "
               "[--warmup 1] [--parallel 4] [--gzip] [--nice N] [--work DIR] [--bin DIR] [--baseline DIR] [--keep]\n";
        return 2;
    }
    std::optional<QTemporaryDir> temp;
    if (o.work.isEmpty()) {
        temp.emplace(QDir::tempPath() + QStringLiteral("/ferry-bench-XXXXXX"));
        temp->setAutoRemove(!o.keep);
        o.work = temp->path();
    }
    QDir().mkpath(o.work);
    // Inherited by the sandbox, ferry-cli and curl alike: on a machine shared with other work (builds of other
    // checkouts) a negative value makes the figures depend less on what else runs. Needs root for < 0.
    if (o.nice != 0 && ::setpriority(PRIO_PROCESS, 0, o.nice) != 0) {
        QTextStream(stderr) << "bench_export: cannot set nice " << o.nice << " (needs root for negative values)\n";
        return 2;
    }
    out << "bench_export: work directory " << o.work << " (" << QThread::idealThreadCount() << " CPUs, shared with "
        << "the sandbox), nice " << o.nice << ", load average " << BenchProcess::loadAverage() << "\n";
    QList<Summary> all;
    for (const QString &name : std::as_const(o.scenarios)) {
        const auto it =
            std::find_if(scenarios().begin(), scenarios().end(), [&name](const Scenario &s) { return s.name == name; });
        if (it == scenarios().end()) {
            QTextStream(stderr) << "unknown scenario " << name << "\n";
            return 2;
        }
        all << runScenario(o, *it);
    }
    printTable(o, all);
    out.flush();
    if (!o.keep) {
        for (const QString &name : std::as_const(o.scenarios)) {
            QDir(o.work + QLatin1Char('/') + name).removeRecursively(); // only what this run created
        }
    }
    const bool valid = std::all_of(all.begin(), all.end(), [](const Summary &s) { return s.valid; });
    return valid ? 0 : 1;
}
