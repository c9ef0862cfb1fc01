#include "server/commandline.h"

#include "persona/personafactory.h"

#include <QCommandLineParser>

namespace {

struct Flag
{
    const char *name;
    const char *valueName; // nullptr: a switch
};

constexpr Flag kFlags[] = {
    {"help", nullptr},
    {"help-faults", nullptr},
    {"port", "N"},
    {"persona", "NAME"},
    {"time-scale", "F"},
    {"exit-after-idle", "SECONDS"},
    {"quiet", nullptr},
    {"seed", "N"},
    {"patients", "N"},
    {"resource-bytes", "B"},
    {"group", "ID=SIZE"},
    {"resources-per-file", "N"},
    {"manifest-page-size", "N"},
    {"error-lines", "N"},
    {"polls", "N"},
    {"job-seconds", "S"},
    {"retry-after", "S"},
    {"file-origin", "WHERE"},
    {"file-ttl", "S"},
    {"expired-status", "CODE"},
    {"no-refresh-links", nullptr},
    {"chunked", nullptr},
    {"no-gzip", nullptr},
    {"auth", "MODE"},
    {"client-config", "FILE"},
    {"token-ttl", "S"},
    {"epic-window", "S"},
    {"rate-limit", "N/min"},
    {"oneup-legacy", nullptr},
    {"oneup-accepted-polls", "N"},
    {"oracle-tenant", "ID"},
    {"athena-practice", "ID"},
    {"stage", "TYPE=IDS"},
    {"fault", "NAME=VALUE"},
};

bool number(const QString &text, double &out, double min = 0)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || v < min) {
        return false;
    }
    out = v;
    return true;
}

} // namespace

CommandLine::Result CommandLine::parse(const QStringList &arguments)
{
    Result result;
    QCommandLineParser parser;
    for (const Flag &f : kFlags) {
        QCommandLineOption option(QLatin1String(f.name));
        if (f.valueName) {
            option.setValueName(QLatin1String(f.valueName));
        }
        parser.addOption(option);
    }
    const auto fail = [&result](const QString &message) {
        result.exitNow = true;
        result.exitCode = 2;
        result.text = QStringLiteral("ferry-sandbox: %1\nTry ferry-sandbox --help\n").arg(message);
        return result;
    };
    if (!parser.parse(arguments)) {
        return fail(parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-faults"))) {
        result.exitNow = true;
        result.text = parser.isSet(QStringLiteral("help")) ? help() : FaultConfig::help();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return fail(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    }
    SandboxConfig &c = result.config;
    const auto value = [&parser](const char *name) { return parser.value(QLatin1String(name)); };
    const auto isSet = [&parser](const char *name) { return parser.isSet(QLatin1String(name)); };
    double d = 0;
    const auto numberFlag = [&](const char *name, double min, auto apply) -> bool {
        if (!isSet(name)) {
            return true;
        }
        if (!number(value(name), d, min)) {
            return false;
        }
        apply(d);
        return true;
    };
    struct NumberFlag
    {
        const char *name;
        double min;
        std::function<void(double)> apply;
    };
    const NumberFlag numbers[] = {
        {"port", 0, [&](double v) { c.port = static_cast<quint16>(v); }},
        {"time-scale", 1e-6, [&](double v) { c.timeScale = v; }},
        {"exit-after-idle", 0, [&](double v) { c.exitAfterIdleSeconds = v; }},
        {"seed", 0, [&](double v) { c.seed = static_cast<quint64>(v); }},
        {"patients", 1, [&](double v) { c.patients = static_cast<quint32>(v); }},
        {"resource-bytes", 0, [&](double v) { c.resourceBytes = static_cast<qint64>(v); }},
        {"resources-per-file", 1, [&](double v) { c.resourcesPerFile = static_cast<int>(v); }},
        {"manifest-page-size", 0, [&](double v) { c.manifestPageSize = static_cast<int>(v); }},
        {"error-lines", 0, [&](double v) { c.errorLines = static_cast<int>(v); }},
        {"polls", 0, [&](double v) { c.polls = static_cast<int>(v); }},
        {"job-seconds", 0, [&](double v) { c.jobSeconds = v; }},
        {"retry-after", 0, [&](double v) { c.retryAfterSeconds = v; }},
        {"file-ttl", 0, [&](double v) { c.fileTtlSeconds = v; }},
        {"token-ttl", 1, [&](double v) { c.tokenTtlSeconds = v; }},
        {"epic-window", 0, [&](double v) { c.epicWindowSeconds = v; }},
        {"oneup-accepted-polls", 0, [&](double v) { c.oneupAcceptedPolls = static_cast<int>(v); }},
    };
    for (const NumberFlag &n : numbers) {
        if (!numberFlag(n.name, n.min, n.apply)) {
            return fail(QStringLiteral("--%1 needs a number >= %2, got '%3'")
                            .arg(QLatin1String(n.name))
                            .arg(n.min)
                            .arg(value(n.name)));
        }
    }
    if (c.port > 0 && value("port").toInt() > 65535) {
        return fail(QStringLiteral("--port must be at most 65535"));
    }
    if (isSet("persona")) {
        c.persona = value("persona").toUtf8();
        if (!PersonaFactory::names().contains(value("persona"))) {
            return fail(QStringLiteral("unknown persona '%1'; one of: %2")
                            .arg(value("persona"), PersonaFactory::names().join(QStringLiteral(", "))));
        }
    }
    for (const QString &g : parser.values(QStringLiteral("group"))) {
        const QStringList parts = g.split(QLatin1Char('='));
        bool ok = false;
        const uint size = parts.value(1).toUInt(&ok);
        if (parts.size() != 2 || parts[0].isEmpty() || !ok) {
            return fail(QStringLiteral("--group needs ID=SIZE, got '%1'").arg(g));
        }
        c.groups.append({parts[0].toUtf8(), size});
    }
    if (isSet("file-origin")) {
        if (value("file-origin") != QLatin1String("primary") && value("file-origin") != QLatin1String("secondary")) {
            return fail(QStringLiteral("--file-origin is primary or secondary"));
        }
        c.fileOrigin = value("file-origin") == QLatin1String("primary") ? SandboxConfig::FileOrigin::Primary
                                                                        : SandboxConfig::FileOrigin::Secondary;
    }
    if (isSet("expired-status")) {
        c.expiredStatus = value("expired-status").toInt();
        if (c.expiredStatus != 404 && c.expiredStatus != 410) {
            return fail(QStringLiteral("--expired-status is 404 or 410"));
        }
    }
    c.refreshLinks = !isSet("no-refresh-links");
    c.chunked = isSet("chunked");
    c.gzip = !isSet("no-gzip");
    c.quiet = isSet("quiet");
    c.oneupLegacy = isSet("oneup-legacy");
    if (isSet("auth")) {
        const std::optional<SandboxConfig::AuthMode> mode = SandboxConfig::authModeFromName(value("auth"));
        if (!mode) {
            return fail(QStringLiteral("--auth is none, smart, client-secret, static or headers"));
        }
        c.auth = *mode;
    }
    c.clientConfigPath = value("client-config");
    if (c.auth != SandboxConfig::AuthMode::None && c.clientConfigPath.isEmpty()) {
        return fail(
            QStringLiteral("--auth %1 needs --client-config FILE (clients and their credentials)").arg(value("auth")));
    }
    if (isSet("rate-limit")) {
        bool ok = false;
        c.rateLimitPerMinute = value("rate-limit").split(QLatin1Char('/')).first().toInt(&ok);
        if (!ok || c.rateLimitPerMinute < 1) {
            return fail(QStringLiteral("--rate-limit needs N or N/min"));
        }
    }
    if (isSet("oracle-tenant")) {
        c.oracleTenant = value("oracle-tenant").toUtf8();
    }
    if (isSet("athena-practice")) {
        c.athenaPractice = value("athena-practice").toUtf8();
    }
    for (const QString &s : parser.values(QStringLiteral("stage"))) {
        const qsizetype eq = s.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return fail(QStringLiteral("--stage needs TYPE=ID,ID,... (or TYPE=* or TYPE=none), got '%1'").arg(s));
        }
        c.stagedDefaults = false;
        const QString ids = s.mid(eq + 1);
        QByteArrayList list;
        if (ids != QLatin1String("none")) {
            for (const QString &id : ids.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                list.append(id.toUtf8());
            }
            c.staged.insert(s.left(eq).toUtf8(), list);
        }
    }
    for (const QString &f : parser.values(QStringLiteral("fault"))) {
        if (const QString error = c.faults.apply(f); !error.isEmpty()) {
            return fail(error);
        }
    }
    return result;
}

QString CommandLine::help()
{
    return QStringLiteral(
               "ferry-sandbox - a local FHIR Bulk Data ($export) server with synthetic patients\n"
               "\n"
               "Usage: ferry-sandbox [options]\n"
               "\n"
               "Starts a FHIR server on 127.0.0.1 and prints ONE line of JSON on stdout, e.g.\n"
               "  {\"fhirBase\":\"http://127.0.0.1:40123/fhir\",\"fileOrigin\":\"http://localhost:40124\",\n"
               "   \"tokenUrl\":\"http://127.0.0.1:40123/auth/token\",\"persona\":\"standard\"}\n"
               "then logs each request on stderr and runs until SIGTERM/SIGINT (or --exit-after-idle).\n"
               "Try it:  curl -H 'Prefer: respond-async' -i http://127.0.0.1:PORT/fhir/Group/demo/\\$export\n"
               "\n"
               "General\n"
               "  --port N                 port of the FHIR server (default 0 = any free port)\n"
               "  --persona NAME           which server to imitate (default standard):\n"
               "%1"
               "  --time-scale F           real waiting = the vendor's waiting x F (0.01: 10 min -> 6 s). Header\n"
               "                           values stay literal (Retry-After: 600), so run the client with the same F\n"
               "  --exit-after-idle S      exit after S real seconds without a request\n"
               "  --quiet                  no per-request lines on stderr\n"
               "\n"
               "Data (deterministic: same flags, same bytes)\n"
               "  --seed N                 synthetic data seed (default 1)\n"
               "  --patients N             population size (default 200)\n"
               "  --resource-bytes B       pad every resource line to at least B bytes (volume for benchmarks)\n"
               "  --group ID=SIZE          add a Group of SIZE patients (repeatable); 'demo' (25) and 'all' exist\n"
               "  --resources-per-file N   split output files every N resources (default 1000)\n"
               "  --manifest-page-size N   manifest entries per page, linked with link[next] (default: one page)\n"
               "  --error-lines N          add N synthetic OperationOutcome lines to every export's error file\n"
               "\n"
               "Export timing (defaults come from the persona)\n"
               "  --polls N                'in progress' answers before the manifest (standard: 2)\n"
               "  --job-seconds S          minimum job duration, logical seconds (standard: 0)\n"
               "  --retry-after S          Retry-After on in-progress polls, logical seconds (standard: 1);\n"
               "                           sent in the persona's unit (seconds, ms or minutes)\n"
               "\n"
               "Files\n"
               "  --file-origin WHERE      primary (default): files on the FHIR server, token required when auth\n"
               "                           is on; secondary: pre-signed URLs on the storage origin, which answers\n"
               "                           400 to any request carrying Authorization (like S3)\n"
               "  --file-ttl S             file links expire S logical seconds after completion (standard: 3600)\n"
               "  --expired-status CODE    404 (default) or 410 for expired links\n"
               "  --no-refresh-links       after expiry the status URL keeps the dead links (default: fresh ones)\n"
               "  --chunked                identity file bodies chunked instead of Content-Length\n"
               "  --no-gzip                never gzip (default: gzip when Accept-Encoding allows and no Range)\n"
               "\n"
               "Auth (default none)\n"
               "  --auth MODE              none | smart (SMART Backend Services, RS384/ES384 JWT) |\n"
               "                           client-secret (Basic or form post) | static (fixed bearer token) |\n"
               "                           headers (1upHealth client_id/client_secret/x-oneup-user-id headers)\n"
               "  --client-config FILE     JSON with the clients: {\"clients\":[{\"client_id\":\"…\",\n"
               "                           \"jwks\":{\"keys\":[…]} or \"jwks_url\":\"http://127.0.0.1:…\",\n"
               "                           \"client_secret\":\"…\", \"static_token\":\"…\", \"user_id\":\"…\",\n"
               "                           \"scopes\":[\"system/*.read\"]}]}  (secrets never go on the command line)\n"
               "  --token-ttl S            access token lifetime, logical seconds (standard: 300)\n"
               "\n"
               "Persona details\n"
               "  --epic-window S          epic: one kick-off per client+group per S seconds (default 86400)\n"
               "  --rate-limit N/min       ecw: requests per minute before 429 (default 250)\n"
               "  --oneup-legacy           oneup: synchronous kick-off (200 + manifest)\n"
               "  --oneup-accepted-polls N oneup: answer N in-progress polls with 202 before 200 + JSON status\n"
               "  --oracle-tenant ID       oracle-health: tenant in the base and token URLs\n"
               "  --athena-practice ID     athena: practice id; the Group is a-1.c-ID\n"
               "  --stage TYPE=IDS         epic-interopio: staged ids (comma list, * = all, none = missing file)\n"
               "\n"
               "Faults\n"
               "  --fault NAME=VALUE       switch a fault on (repeatable); --help-faults lists them all,\n"
               "                           e.g. --fault poll-429=2 --fault drop-after=100000\n"
               "\n"
               "Test endpoints (no auth): GET /__truth/JOB (what the export must contain), GET /__jobs,\n"
               "GET /__log (requests, Authorization reduced to its kind), GET|POST /__faults (NAME=VALUE&...).\n"
               "\n"
               "Benchmarks (see tests/sandbox/README.md):\n"
               "  ~2 GB in 4 files:     --patients 4000 --resource-bytes 500000 --resources-per-file 1000,\n"
               "                        then export Patient: GET /fhir/$export?_type=Patient\n"
               "  10,000 files x 100:   --patients 1000000 --resources-per-file 100 --manifest-page-size 1000,\n"
               "                        then export Patient: GET /fhir/$export?_type=Patient\n")
        .arg(PersonaFactory::describe());
}
