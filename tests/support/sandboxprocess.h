#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

// ferry-sandbox as a child process, for tests that drive ferry-cli (two real processes over loopback) and for
// benchmarks. Reads the startup line for its URLs and talks to its test endpoints (/__truth, /__log, /__faults,
// /__jobs) over HTTP. The executable comes from $FERRY_SANDBOX (set by ferry_add_test).
class SandboxProcess
{
public:
    SandboxProcess();
    ~SandboxProcess();

    // Starts with these flags and waits for the startup line; false with `error` set on failure.
    bool start(const QStringList &arguments, QString *error);
    void stop();

    QUrl fhirBase() const { return m_fhirBase; }
    QUrl fileOrigin() const { return m_fileOrigin; }
    QUrl tokenUrl() const { return m_tokenUrl; }

    QJsonObject truth(const QString &jobId) const;
    QJsonArray log() const;
    // How many logged requests had this method and a target containing `targetPart`.
    int countRequests(const QString &method, const QString &targetPart) const;
    QJsonArray jobs() const;
    bool setFaults(const QString &assignments) const; // "drop-after=1000&drip=5000"

    QByteArray get(const QString &path) const;
    QByteArray post(const QString &path, const QByteArray &body) const;

private:
    QProcess m_process;
    QUrl m_fhirBase;
    QUrl m_fileOrigin;
    QUrl m_tokenUrl;
};
