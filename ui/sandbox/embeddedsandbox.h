#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

// ferry-sandbox as a child process of the desktop app: the no-account server behind the first-run "Sandbox"
// profile. It listens on a free loopback port (so its base URL changes every run), serves the standard persona's
// synthetic patients, and is stopped when this object goes (application exit) — on Linux also if Ferry dies
// (parent-death signal). start() is asynchronous: started(fhirBase) or failed(message), exactly once per start.
class EmbeddedSandbox : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddedSandbox(QObject *parent = nullptr);
    ~EmbeddedSandbox() override;

    // $FERRY_SANDBOX when set, else ferry-sandbox next to the running executable (build/<preset>/bin).
    static QString defaultExecutable();
    // What the app runs: 200 patients, the manifest after two quick polls, no request log.
    static QStringList defaultArguments();

    void setExecutable(const QString &path) { m_executable = path; }
    void setArguments(const QStringList &arguments) { m_arguments = arguments; }

    void start();
    void stop();
    bool isRunning() const { return m_process.state() != QProcess::NotRunning && m_fhirBase.isValid(); }
    QUrl fhirBase() const { return m_fhirBase; }

signals:
    void started(const QUrl &fhirBase);
    void failed(const QString &message);

private:
    void readStartupLine();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void fail(const QString &message);

    QProcess m_process;
    QString m_executable;
    QStringList m_arguments;
    QByteArray m_stdout;
    QByteArray m_stderr; // the last few KB, for the failure message
    QUrl m_fhirBase;
    bool m_starting = false;
    bool m_stopping = false;
};
