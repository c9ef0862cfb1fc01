#include "server/faultconfig.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

bool toInt(const QString &value, int &out, int min = 0)
{
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok || v < min) {
        return false;
    }
    out = v;
    return true;
}

} // namespace

QString FaultConfig::apply(const QString &assignment)
{
    const qsizetype eq = assignment.indexOf(QLatin1Char('='));
    if (eq < 0) {
        return set(assignment.trimmed(), QStringLiteral("1"));
    }
    return set(assignment.left(eq).trimmed(), assignment.mid(eq + 1).trimmed());
}

QString FaultConfig::set(const QString &name, const QString &value)
{
    const auto bad = [&] { return QStringLiteral("invalid value '%1' for fault %2").arg(value, name); };
    bool ok = true;
    if (name == QLatin1String("poll-429")) {
        ok = toInt(value, pollThrottle);
    } else if (name == QLatin1String("poll-503")) {
        ok = toInt(value, pollUnavailable);
    } else if (name == QLatin1String("poll-transient")) {
        ok = toInt(value, pollTransient);
    } else if (name == QLatin1String("poll-fatal")) {
        ok = toInt(value, fatalAfterPolls, -1);
    } else if (name == QLatin1String("fatal-code")) {
        fatalCode = value.toUtf8();
    } else if (name == QLatin1String("fatal-diagnostics")) {
        fatalDiagnostics = value.toUtf8();
    } else if (name == QLatin1String("retry-after-form")) {
        if (value == QLatin1String("seconds")) {
            retryAfterForm = RetryAfterForm::Seconds;
        } else if (value == QLatin1String("http-date")) {
            retryAfterForm = RetryAfterForm::HttpDate;
        } else if (value == QLatin1String("absent")) {
            retryAfterForm = RetryAfterForm::Absent;
        } else {
            ok = false;
        }
    } else if (name == QLatin1String("retry-after")) {
        faultRetryAfterSeconds = value.toDouble(&ok);
        ok = ok && faultRetryAfterSeconds >= 0;
    } else if (name == QLatin1String("kickoff-reject")) {
        ok = toInt(value, kickoffRejectStatus) && (kickoffRejectStatus == 0 || kickoffRejectStatus >= 400);
    } else if (name == QLatin1String("kickoff-reject-count")) {
        ok = toInt(value, kickoffRejectCount, -1);
    } else if (name == QLatin1String("kickoff-reject-code")) {
        kickoffRejectCode = value.toUtf8();
    } else if (name == QLatin1String("kickoff-reject-diagnostics")) {
        kickoffRejectDiagnostics = value.toUtf8();
    } else if (name == QLatin1String("kickoff-429")) {
        ok = toInt(value, kickoffThrottle);
    } else if (name == QLatin1String("file-429")) {
        ok = toInt(value, fileThrottle);
    } else if (name == QLatin1String("file-503")) {
        ok = toInt(value, fileUnavailable);
    } else if (name == QLatin1String("drop-after")) {
        dropAfterBytes = value.toLongLong(&ok);
        ok = ok && dropAfterBytes >= -1;
    } else if (name == QLatin1String("drop-files")) {
        dropFiles.clear();
        if (value != QLatin1String("all")) {
            for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                int index = 0;
                ok = ok && toInt(part, index);
                dropFiles.append(index);
            }
        }
    } else if (name == QLatin1String("drop-attempts")) {
        ok = toInt(value, dropAttempts);
    } else if (name == QLatin1String("drip")) {
        dripBytesPerSecond = value.toLongLong(&ok);
        ok = ok && dripBytesPerSecond >= 0;
    } else if (name == QLatin1String("corrupt")) {
        if (value == QLatin1String("invalid-json")) {
            corruption = Corruption::InvalidJson;
        } else if (value == QLatin1String("wrong-type")) {
            corruption = Corruption::WrongType;
        } else if (value == QLatin1String("extra-lines")) {
            corruption = Corruption::ExtraLines;
        } else if (value == QLatin1String("none")) {
            corruption = Corruption::None;
        } else {
            ok = false;
        }
    } else if (name == QLatin1String("corrupt-file")) {
        ok = toInt(value, corruptFile);
    } else if (name == QLatin1String("corrupt-line")) {
        ok = toInt(value, corruptLine, 1);
    } else if (name == QLatin1String("ignore-range")) {
        ignoreRange = value != QLatin1String("0") && value != QLatin1String("false");
    } else if (name == QLatin1String("token-400")) {
        ok = toInt(value, tokenBare400);
    } else {
        return QStringLiteral("unknown fault '%1' (see --help-faults)").arg(name);
    }
    return ok ? QString() : bad();
}

QByteArray FaultConfig::toJson() const
{
    static constexpr const char *kForms[] = {"seconds", "http-date", "absent"};
    static constexpr const char *kCorruptions[] = {"none", "invalid-json", "wrong-type", "extra-lines"};
    QJsonArray drop;
    for (const int i : dropFiles) {
        drop.append(i);
    }
    const QJsonObject o{
        {QLatin1String("poll-429"), pollThrottle},
        {QLatin1String("poll-503"), pollUnavailable},
        {QLatin1String("poll-transient"), pollTransient},
        {QLatin1String("poll-fatal"), fatalAfterPolls},
        {QLatin1String("fatal-code"), QString::fromUtf8(fatalCode)},
        {QLatin1String("retry-after-form"), QLatin1String(kForms[static_cast<int>(retryAfterForm)])},
        {QLatin1String("retry-after"), faultRetryAfterSeconds},
        {QLatin1String("kickoff-reject"), kickoffRejectStatus},
        {QLatin1String("kickoff-reject-count"), kickoffRejectCount},
        {QLatin1String("kickoff-429"), kickoffThrottle},
        {QLatin1String("file-429"), fileThrottle},
        {QLatin1String("file-503"), fileUnavailable},
        {QLatin1String("drop-after"), dropAfterBytes},
        {QLatin1String("drop-files"), drop},
        {QLatin1String("drop-attempts"), dropAttempts},
        {QLatin1String("drip"), dripBytesPerSecond},
        {QLatin1String("corrupt"), QLatin1String(kCorruptions[static_cast<int>(corruption)])},
        {QLatin1String("corrupt-file"), corruptFile},
        {QLatin1String("corrupt-line"), corruptLine},
        {QLatin1String("ignore-range"), ignoreRange},
        {QLatin1String("token-400"), tokenBare400},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString FaultConfig::help()
{
    return QStringLiteral(
        "Faults (--fault NAME=VALUE, repeatable; also POST /__faults with the same NAME=VALUE pairs):\n"
        "  Status polling (counted per export job, in this order):\n"
        "    poll-429=N            first N polls answer 429 Too Many Requests + Retry-After\n"
        "    poll-503=N            next N polls answer 503 Service Unavailable + Retry-After\n"
        "    poll-transient=N      next N polls answer 500 + OperationOutcome (issue code 'transient')\n"
        "    poll-fatal=N          after N accepted (202) polls the job fails: 500 + OperationOutcome\n"
        "    fatal-code=CODE       issue code of the fatal outcome (default processing)\n"
        "    fatal-diagnostics=TXT diagnostics of the fatal outcome\n"
        "    retry-after-form=F    seconds (default) | http-date | absent, for every polling Retry-After\n"
        "    retry-after=S         Retry-After of the 429/503 faults, in seconds (default 1)\n"
        "  Kick-off (counted per server):\n"
        "    kickoff-reject=STATUS refuse kick-offs with STATUS + OperationOutcome\n"
        "    kickoff-reject-count=N   only the first N (default: all)\n"
        "    kickoff-reject-code=CODE / kickoff-reject-diagnostics=TEXT\n"
        "    kickoff-429=N         first N kick-offs answer 429 + OperationOutcome 'throttled'\n"
        "  Files (counted per export job):\n"
        "    file-429=N, file-503=N   first N file requests answer 429 / 503 + Retry-After\n"
        "    drop-after=BYTES      close the connection after BYTES of a file body (a Range resume then shows\n"
        "                          in /__log)\n"
        "    drop-files=all|I,J    which output files (manifest index, 0-based) are dropped (default all)\n"
        "    drop-attempts=N       how many attempts per file are dropped (default 1: the first)\n"
        "    drip=BYTES_PER_SEC    send file bodies slowly\n"
        "    corrupt=KIND          invalid-json | wrong-type | extra-lines, in one output file:\n"
        "    corrupt-file=I        its manifest index (default 0); corrupt-line=N its line (default 1)\n"
        "    ignore-range          ignore Range headers (always 200 with the whole file)\n"
        "    (expired files: --file-ttl 0 makes every link expire at once, --expired-status 404|410 picks the\n"
        "     answer; POST /__jobs/JOB/expire or SandboxServer::expireFiles() expires one job's links now)\n"
        "  Token endpoint:\n"
        "    token-400=N           first N token requests answer a bare 400 (no body), like a flaky Epic\n");
}
