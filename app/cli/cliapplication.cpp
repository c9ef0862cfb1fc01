#include "cliapplication.h"

#include "authoptions.h"
#include "exitcodes.h"
#include "exportoptions.h"
#include "jobrunner.h"
#include "keyscommand.h"
#include "profilescommand.h"
#include "progressprinter.h"

#include "auth/authorizer.h"
#include "export/exporthistory.h"
#include "export/journal.h"
#include "store/serverprofile.h"
#include "export/supportbundle.h"
#include "util/redactor.h"
#include "vendor/vendorregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CliApplication", text);
}

const char *const kHelp =
    QT_TRANSLATE_NOOP("CliApplication", R"(ferry-cli — pull FHIR Bulk Data exports ($export) onto this computer.

Usage: ferry-cli <command> [options]

Commands:
  export    Start an export and download its files:
              ferry-cli export --base https://fhir.example.org/r4 --group 42 --type Patient,Observation
  resume    Continue an export that stopped (Ctrl-C, a crash, a network outage, a failure):
              ferry-cli resume <export-id>
            or send a kick-off the server refused again:  --lenient, --drop-parameter <name>
  retry     Download again the files of an export that failed or expired:  ferry-cli retry <export-id>
  cancel    Stop an export and ask the server to delete it:  ferry-cli cancel <export-id>
  delete    Ask the server to delete a finished export's files:  ferry-cli delete <export-id>
  status    Show one export in detail:  ferry-cli status <export-id>
  profiles  Server profiles shared with the desktop app (URL, vendor, credentials in the keychain, groups):
              ferry-cli profiles add --name "Epic prod" --base https://… --vendor epic --auth smart \
                  --client-id abc --jwks-url https://example.org/jwks.json --generate-key --group 42=Diabetes
              ferry-cli profiles list | show NAME | remove NAME
            then:  ferry-cli export --profile "Epic prod" [--group Diabetes]
  keys      Key pairs for SMART Backend Services:
              ferry-cli keys generate --alg ES384 --profile "Epic prod" --jwks-out jwks.json
              ferry-cli keys import --profile NAME --pem key.pem     ferry-cli keys jwks --profile NAME
  support   Write a support bundle for a vendor's help desk (redacted HTTP trace, kick-off as curl,
            no tokens, no patient data):  ferry-cli support <export-id> [--out <dir>]
  list      List the exports Ferry remembers (newest first).
  vendors   The vendor presets (--vendor ID) and how to connect to each:  ferry-cli vendors [ID]

Run `ferry-cli <command> --help` for a command's options.

While an export runs, progress goes to stderr (a live bar on a terminal, plain lines otherwise). When it completes,
the folder with the files is printed on stdout. Every step is journaled: after Ctrl-C, a crash or a reboot,
`ferry-cli resume <export-id>` continues where it stopped — it polls the saved status URL, skips verified files and
resumes partial ones from where their bytes end.

Secrets are never command-line values. Stored profiles keep them in the system keychain; otherwise give them as
files or environment variables: --token-file, --token-env, --private-key-file, --client-secret-file,
--client-secret-env, --header-secret-env HEADER=VARIABLE.

Exit codes:
  0  completed, every file verified          5  network: the server could not be reached
  1  local problem (disk full, cannot write)  6  a file failed verification (kept in rejected/)
  2  bad command line or export request       7  cancelled
  3  the server refused or failed the export  8  the server's files expired before download
  4  authorization failed                   130  interrupted (Ctrl-C); resumable

Add --verbose (-v) anywhere to see what Ferry does step by step.
Environment: FERRY_DATA_DIR (where journals are kept), QT_LOGGING_RULES (e.g. "ferry.*.debug=true").
)");

} // namespace

CliApplication::CliApplication()
    : m_journal(new Journal(Journal::defaultDirectory()))
    , m_history(new ExportHistory(ExportHistory::defaultPath()))
{
}

CliApplication::~CliApplication()
{
    delete m_history;
    delete m_journal;
}

void CliApplication::printHelp() const
{
    QTextStream(stdout) << tr(kHelp);
}

int CliApplication::usage(const QString &message) const
{
    QTextStream(stderr) << "ferry-cli: " << message << '\n';
    return ExitUsage;
}

bool CliApplication::parse(QCommandLineParser &parser, const QStringList &args, const QString &command)
{
    parser.setApplicationDescription(tr("ferry-cli %1 — see `ferry-cli --help` for all commands.").arg(command));
    parser.addHelpOption();
    if (!parser.parse(args)) {
        usage(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return false;
    }
    return true;
}

int CliApplication::run(const QStringList &arguments)
{
    if (arguments.size() < 2 || arguments.at(1) == QLatin1String("--help") || arguments.at(1) == QLatin1String("-h") ||
        arguments.at(1) == QLatin1String("help")) {
        printHelp();
        return arguments.size() < 2 ? ExitUsage : ExitSuccess;
    }
    if (arguments.at(1) == QLatin1String("--version")) {
        QTextStream(stdout) << "ferry-cli " << QCoreApplication::applicationVersion() << '\n';
        return ExitSuccess;
    }
    const QString command = arguments.at(1);
    QStringList rest = arguments;
    rest.removeAt(1); // parsers see "ferry-cli [options]"
    if (command == QLatin1String("export")) {
        return runExport(rest);
    }
    if (command == QLatin1String("resume") || command == QLatin1String("cancel") || command == QLatin1String("retry") ||
        command == QLatin1String("delete")) {
        return runJobCommand(command, rest);
    }
    if (command == QLatin1String("list")) {
        return runList(rest);
    }
    if (command == QLatin1String("status")) {
        return runStatus(rest);
    }
    if (command == QLatin1String("support")) {
        return runSupport(rest);
    }
    if (command == QLatin1String("profiles")) {
        return ProfilesCommand(&m_services).run(rest);
    }
    if (command == QLatin1String("keys")) {
        return KeysCommand(&m_services).run(rest);
    }
    if (command == QLatin1String("vendors")) {
        return runVendors(rest);
    }
    return usage(tr("unknown command \"%1\"; run `ferry-cli --help`.").arg(command));
}

int CliApplication::runExport(const QStringList &args)
{
    QCommandLineParser parser;
    ExportOptions::add(parser);
    AuthOptions::add(parser);
    if (!parse(parser, args, QStringLiteral("export"))) {
        return parser.isSet(QStringLiteral("help")) ? ExitSuccess : ExitUsage;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usage(tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    }
    QString error;
    std::optional<ServerProfile> profile;
    if (parser.isSet(QStringLiteral("profile"))) {
        profile = m_services.findProfile(parser.value(QStringLiteral("profile")), &error);
        if (!profile) {
            return usage(error);
        }
    }
    const auto record = ExportOptions::toRecord(parser, *m_history, profile ? &*profile : nullptr, &error);
    if (!record) {
        return usage(error);
    }
    auto authorizer = authorizerFor(*record, parser, &error);
    if (!authorizer) {
        QTextStream(stderr) << "ferry-cli: " << error << '\n';
        return ExitAuth;
    }
    warnAboutVendor(*record);
    QTextStream(stderr) << tr("Export %1: %2 → %3\n")
                               .arg(record->id, Redactor::url(record->request.kickoffUrl()),
                                    QDir::toNativeSeparators(record->outputDir));
    JobRunner runner(m_journal, m_history, std::move(authorizer));
    return runner.run(*record, JobRunner::Action::Start);
}

int CliApplication::runJobCommand(const QString &command, const QStringList &args)
{
    QCommandLineParser parser;
    AuthOptions::add(parser);
    parser.addPositionalArgument(QStringLiteral("export-id"), tr("The export, as shown by `ferry-cli list`."));
    if (command == QLatin1String("resume")) {
        parser.addOptions({
            {QStringLiteral("lenient"), tr("The server refused the kick-off: send it again with Prefer: "
                                           "handling=lenient (the server may skip what it does not support).")},
            {QStringLiteral("drop-parameter"),
             tr("The server refused the kick-off: send it again without this parameter (repeatable)."),
             QStringLiteral("name")},
        });
    }
    if (!parse(parser, args, command)) {
        return parser.isSet(QStringLiteral("help")) ? ExitSuccess : ExitUsage;
    }
    if (parser.positionalArguments().size() != 1) {
        return usage(tr("%1 takes one export id (see `ferry-cli list`).").arg(command));
    }
    QString error;
    const auto record = m_journal->load(parser.positionalArguments().first(), &error);
    if (!record) {
        return usage(error);
    }
    auto authorizer = authorizerFor(*record, parser, &error);
    if (!authorizer) {
        QTextStream(stderr) << "ferry-cli: " << error << '\n';
        return ExitAuth;
    }
    JobRunner::Action action = JobRunner::Action::Resume;
    if (command == QLatin1String("cancel")) {
        action = JobRunner::Action::Cancel;
    } else if (command == QLatin1String("retry")) {
        action = JobRunner::Action::RetryFiles;
    } else if (command == QLatin1String("delete")) {
        action = JobRunner::Action::DeleteOnServer;
    } else if (parser.isSet(QStringLiteral("lenient")) || parser.isSet(QStringLiteral("drop-parameter"))) {
        action = JobRunner::Action::RetryKickoff;
    } else if (ExportStates::isTerminal(record->state) && record->state != ExportState::Failed &&
               record->state != ExportState::Expired) {
        QTextStream(stderr) << tr("Export %1 is %2; there is nothing to resume.\n")
                                   .arg(record->id, ExportStates::displayName(record->state).toLower());
        return exitCodeFor(*record);
    }
    JobRunner runner(m_journal, m_history, std::move(authorizer));
    if (action == JobRunner::Action::RetryKickoff) {
        KickoffRemedy remedy;
        remedy.lenient = parser.isSet(QStringLiteral("lenient"));
        remedy.dropParameters = parser.values(QStringLiteral("drop-parameter"));
        runner.setKickoffRemedy(remedy);
    }
    return runner.run(*record, action);
}

int CliApplication::runList(const QStringList &args)
{
    QCommandLineParser parser;
    if (!parse(parser, args, QStringLiteral("list"))) {
        return parser.isSet(QStringLiteral("help")) ? ExitSuccess : ExitUsage;
    }
    QTextStream out(stdout);
    const QStringList ids = m_journal->ids();
    if (ids.isEmpty()) {
        out << tr("No exports yet.\n");
        return ExitSuccess;
    }
    for (const QString &id : ids) {
        QString error;
        const auto r = m_journal->load(id, &error);
        if (!r) {
            out << id << "  " << error << '\n';
            continue;
        }
        const QString scope = r->request.level == ExportLevel::Group ? QStringLiteral("Group/") + r->request.groupId
                                                                     : r->request.levelName();
        out << QStringLiteral("%1  %2  %3  %4  %5/%6 files  %7\n")
                   .arg(r->id, ExportStates::displayName(r->state).leftJustified(16), r->request.base.host(), scope)
                   .arg(r->filesIn(FileRecord::State::Verified))
                   .arg(r->files.size())
                   .arg(ProgressPrinter::formatBytes(r->bytesDone()));
    }
    return ExitSuccess;
}

int CliApplication::runStatus(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("export-id"), tr("The export, as shown by `ferry-cli list`."));
    if (!parse(parser, args, QStringLiteral("status"))) {
        return parser.isSet(QStringLiteral("help")) ? ExitSuccess : ExitUsage;
    }
    if (parser.positionalArguments().size() != 1) {
        return usage(tr("status takes one export id (see `ferry-cli list`)."));
    }
    QString error;
    const auto r = m_journal->load(parser.positionalArguments().first(), &error);
    if (!r) {
        return usage(error);
    }
    QTextStream out(stdout);
    out << tr("Export      %1\n").arg(r->id);
    out << tr("State       %1%2\n")
               .arg(ExportStates::displayName(r->state),
                    r->message.isEmpty() ? QString() : QStringLiteral(": ") + r->message);
    if (!r->activity.isEmpty()) {
        out << tr("Activity    %1\n").arg(r->activity);
    }
    out << tr("Request     %1 %2\n")
               .arg(r->request.usesPost() ? QStringLiteral("POST") : QStringLiteral("GET"),
                    Redactor::url(r->request.kickoffUrl()));
    out << tr("Status URL  %1\n").arg(r->hasStatusUrl() ? Redactor::url(r->statusUrl) : tr("(none yet)"));
    out << tr("Output      %1\n").arg(QDir::toNativeSeparators(r->outputDir));
    if (r->transactionTime.isValid()) {
        out << tr("Transaction %1\n").arg(r->transactionTime.toString(Qt::ISODateWithMs));
    }
    if (r->expires.isValid()) {
        out << tr("Expires     %1\n").arg(r->expires.toString(Qt::ISODate));
    }
    out << tr("Files       %1 verified of %2, %3\n")
               .arg(r->filesIn(FileRecord::State::Verified))
               .arg(r->files.size())
               .arg(ProgressPrinter::formatBytes(r->bytesDone()));
    for (const FileRecord &f : r->files) {
        if (f.state != FileRecord::State::Verified) {
            out << QStringLiteral("  %1  %2  %3\n")
                       .arg(FileRecord::stateName(f.state).leftJustified(11), f.name, f.message);
        }
    }
    for (const QString &d : r->deviations) {
        out << tr("Deviation   %1\n").arg(d);
    }
    if (!r->cleanupNote.isEmpty()) {
        out << tr("Clean-up    %1\n").arg(r->cleanupNote);
    }
    return exitCodeFor(*r);
}

int CliApplication::runSupport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("export-id"), tr("The export, as shown by `ferry-cli list`."));
    parser.addOption({QStringLiteral("out"), tr("Folder to write the bundle in (default: the current folder)."),
                      QStringLiteral("dir")});
    if (!parse(parser, args, QStringLiteral("support"))) {
        return parser.isSet(QStringLiteral("help")) ? ExitSuccess : ExitUsage;
    }
    if (parser.positionalArguments().size() != 1) {
        return usage(tr("support takes one export id (see `ferry-cli list`)."));
    }
    QString error;
    const auto r = m_journal->load(parser.positionalArguments().first(), &error);
    if (!r) {
        return usage(error);
    }
    const QString dir = parser.isSet(QStringLiteral("out")) ? parser.value(QStringLiteral("out")) : QDir::currentPath();
    const QString folder = SupportBundle::write(*r, m_journal->tracePath(r->id), QString(), dir, &error);
    if (folder.isEmpty()) {
        QTextStream(stderr) << error << '\n';
        return ExitLocal;
    }
    QTextStream(stderr) << tr("Support bundle written; review it, then send the folder to the vendor:\n");
    QTextStream(stdout) << QDir::toNativeSeparators(folder) << '\n';
    return ExitSuccess;
}

namespace {

// Words re-flowed to `width` columns, each line indented.
QString wrapped(const QString &text, int indent, int width = 100)
{
    QString out;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && indent + line.size() + 1 + word.size() > width) {
            out += QString(indent, QLatin1Char(' ')) + line + QLatin1Char('\n');
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty()) {
        out += QString(indent, QLatin1Char(' ')) + line + QLatin1Char('\n');
    }
    return out;
}

} // namespace

void CliApplication::warnAboutVendor(const ExportRecord &record) const
{
    // What the export form shows beside the fields, said once before the export starts.
    const VendorProfile vendor = VendorRegistry::instance().profile(record.vendorId);
    QTextStream err(stderr);
    if (record.request.since && vendor.sinceUnreliable) {
        err << tr("Warning: %1")
                   .arg(vendor.sinceWarning.isEmpty()
                            ? tr("%1 does not support _since reliably.").arg(vendor.displayName)
                            : vendor.sinceWarning)
            << '\n';
    }
    QStringList unknown;
    for (const QString &type : record.request.types) {
        if (!vendor.supportedTypes.isEmpty() && !vendor.supportedTypes.contains(type, Qt::CaseInsensitive)) {
            unknown << type;
        }
    }
    if (!unknown.isEmpty()) {
        err << tr("Warning: %1 does not list %2 among the types it exports (%3).")
                   .arg(vendor.displayName, unknown.join(QStringLiteral(", ")),
                        vendor.supportedTypes.join(QStringLiteral(", ")))
            << '\n';
    }
}

int CliApplication::runVendors(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("id"), tr("Only this preset, with its traps."), QStringLiteral("[id]"));
    if (!parse(parser, args, QStringLiteral("vendors"))) {
        return parser.isSet(QStringLiteral("help")) ? ExitSuccess : ExitUsage;
    }
    const VendorRegistry &registry = VendorRegistry::instance();
    const QStringList wanted = parser.positionalArguments();
    if (wanted.size() > 1) {
        return usage(tr("vendors takes at most one preset id."));
    }
    if (!wanted.isEmpty() && !registry.contains(wanted.first())) {
        return usage(tr("Unknown vendor preset \"%1\". Known: %2.")
                         .arg(wanted.first(), registry.ids().join(QStringLiteral(", "))));
    }
    QTextStream out(stdout);
    for (const VendorProfile &v : registry.all()) {
        if (!wanted.isEmpty() && v.id != wanted.first()) {
            continue;
        }
        out << v.id.leftJustified(16) << ' ' << v.displayName << '\n';
        out << wrapped(v.connectionHelp, 4);
        if (!wanted.isEmpty()) {
            out << '\n' << wrapped(v.description, 4);
            for (const QString &trap : v.traps) {
                out << wrapped(QStringLiteral("- ") + trap, 4);
            }
        }
        out << '\n';
    }
    out << tr("Use one with:  ferry-cli export --vendor ID …   or   ferry-cli profiles add --vendor ID …\n");
    return ExitSuccess;
}

std::unique_ptr<Authorizer> CliApplication::authorizerFor(const ExportRecord &record, const QCommandLineParser &parser,
                                                          QString *error)
{
    if (record.profileId.isEmpty()) {
        return AuthOptions::create(parser, error);
    }
    const auto profile = m_services.findProfile(record.profileId, error);
    if (!profile) {
        return nullptr;
    }
    return m_services.authorizerFor(*profile, parser, error);
}
