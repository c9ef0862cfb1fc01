#include "sandbox/embeddedsandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

Q_LOGGING_CATEGORY(lcSandbox, "ferry.ui.sandbox")

namespace {
constexpr qsizetype kStderrKept = 4096;
}

EmbeddedSandbox::EmbeddedSandbox(QObject *parent)
    : QObject(parent)
    , m_executable(defaultExecutable())
    , m_arguments(defaultArguments())
{
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &EmbeddedSandbox::readStartupLine);
    connect(&m_process, &QProcess::readyReadStandardError, this, [this] {
        m_stderr += m_process.readAllStandardError();
        if (m_stderr.size() > kStderrKept) {
            m_stderr = m_stderr.right(kStderrKept);
        }
    });
    connect(&m_process, &QProcess::finished, this, &EmbeddedSandbox::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            fail(tr("The sandbox server %1 could not be started: %2")
                     .arg(QDir::toNativeSeparators(m_executable), m_process.errorString()));
        }
    });
#ifdef Q_OS_LINUX
    // If Ferry is killed, the kernel stops the sandbox too (no orphaned server holding a port).
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
}

EmbeddedSandbox::~EmbeddedSandbox()
{
    stop();
}

QString EmbeddedSandbox::defaultExecutable()
{
    const QString fromEnvironment = qEnvironmentVariable("FERRY_SANDBOX");
    if (!fromEnvironment.isEmpty()) {
        return fromEnvironment;
    }
    QString name = QStringLiteral("ferry-sandbox");
#ifdef Q_OS_WIN
    name += QStringLiteral(".exe");
#endif
    return QDir(QCoreApplication::applicationDirPath()).filePath(name);
}

QStringList EmbeddedSandbox::defaultArguments()
{
    return {QStringLiteral("--patients"),    QStringLiteral("200"), QStringLiteral("--polls"), QStringLiteral("2"),
            QStringLiteral("--retry-after"), QStringLiteral("0.5"), QStringLiteral("--quiet")};
}

void EmbeddedSandbox::start()
{
    if (m_starting || isRunning()) {
        if (isRunning()) {
            emit started(m_fhirBase);
        }
        return;
    }
    if (!QFileInfo(m_executable).isExecutable()) {
        // Later, like every other outcome: callers connect after calling start().
        QMetaObject::invokeMethod(
            this,
            [this] {
                fail(tr("The sandbox server is not installed next to Ferry (looked for %1). Build the "
                        "ferry-sandbox target, or set FERRY_SANDBOX to its path.")
                         .arg(QDir::toNativeSeparators(m_executable)));
            },
            Qt::QueuedConnection);
        m_starting = true;
        return;
    }
    m_starting = true;
    m_stopping = false;
    m_stdout.clear();
    m_stderr.clear();
    m_fhirBase = QUrl();
    qCInfo(lcSandbox).noquote() << "starting" << m_executable << m_arguments.join(QLatin1Char(' '));
    m_process.start(m_executable, m_arguments);
}

void EmbeddedSandbox::readStartupLine()
{
    m_stdout += m_process.readAllStandardOutput();
    if (!m_starting) {
        return;
    }
    const qsizetype newline = m_stdout.indexOf('\n');
    if (newline < 0) {
        return;
    }
    const QJsonObject line = QJsonDocument::fromJson(m_stdout.left(newline)).object();
    const QUrl base(line.value(QLatin1String("fhirBase")).toString());
    if (!base.isValid() || base.isEmpty()) {
        fail(tr("The sandbox server did not say where it listens: %1").arg(QString::fromUtf8(m_stdout.left(newline))));
        stop();
        return;
    }
    m_fhirBase = base;
    m_starting = false;
    qCInfo(lcSandbox).noquote() << "serving" << base.toString();
    emit started(base);
}

void EmbeddedSandbox::onFinished(int exitCode, QProcess::ExitStatus status)
{
    m_fhirBase = QUrl();
    if (m_stopping) {
        return;
    }
    const QString detail = QString::fromUtf8(m_stderr).trimmed();
    fail(status == QProcess::CrashExit ? tr("The sandbox server crashed. %1").arg(detail)
                                       : tr("The sandbox server stopped (exit code %1). %2").arg(exitCode).arg(detail));
}

void EmbeddedSandbox::fail(const QString &message)
{
    const bool wasStarting = m_starting;
    m_starting = false;
    qCWarning(lcSandbox).noquote() << message;
    if (wasStarting || !m_stopping) {
        emit failed(message);
    }
}

void EmbeddedSandbox::stop()
{
    if (m_process.state() == QProcess::NotRunning) {
        return;
    }
    m_stopping = true;
    m_starting = false;
    m_process.terminate(); // SIGTERM: the sandbox shuts down cleanly
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
    m_fhirBase = QUrl();
}
