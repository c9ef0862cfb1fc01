#pragma once

#include "store/serverprofile.h"

#include <QObject>
#include <QUrl>

class AppServices;
class EmbeddedSandbox;

// The first-run Sandbox profile and the embedded server behind it. createProfile() starts ferry-sandbox and saves
// a profile pointing at it (no auth, the 25-patient "demo" group); on later starts resume() starts the server
// again and moves the profile to the new port. Outcomes arrive as ready(profileId) or failed(message).
class SandboxSetup : public QObject
{
    Q_OBJECT

public:
    // `sandbox` outlives this object.
    SandboxSetup(AppServices *services, EmbeddedSandbox *sandbox, QObject *parent = nullptr);

    static ServerProfile profileFor(const QUrl &fhirBase, const QString &id);
    // The stored sandbox profile's id; empty when there is none (never offered, or deleted by the user).
    QString profileId() const;

    void createProfile();
    void resume();

signals:
    void ready(const QString &profileId);
    void failed(const QString &message);

private:
    void onStarted(const QUrl &fhirBase);

    AppServices *m_services;
    EmbeddedSandbox *m_sandbox;
    bool m_create = false;
    bool m_waiting = false;
};
