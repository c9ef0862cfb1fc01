#include "clilog.h"

#include "util/redactor.h"

#include <QLoggingCategory>
#include <QString>

#include <cstdio>
#include <unistd.h>

namespace {

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static const bool terminal = ::isatty(STDERR_FILENO) == 1;
    const char *level = type == QtWarningMsg                          ? "warning: "
                        : type == QtCriticalMsg || type == QtFatalMsg ? "error: "
                                                                      : "";
    const QString text = Redactor::instance().text(message);
    const QByteArray line = QByteArray(terminal ? "\r\033[K" : "") + (context.category ? context.category : "ferry") +
                            ": " + level + text.toLocal8Bit() + '\n';
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

namespace CliLog {

void install(bool verbose)
{
    qInstallMessageHandler(handler);
    if (!verbose && qEnvironmentVariableIsEmpty("QT_LOGGING_RULES")) {
        QLoggingCategory::setFilterRules(QStringLiteral("ferry.*.info=false\nferry.*.debug=false"));
    }
}

} // namespace CliLog
