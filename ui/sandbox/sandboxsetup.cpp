#include "sandbox/sandboxsetup.h"

#include "app/appservices.h"
#include "sandbox/embeddedsandbox.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"

SandboxSetup::SandboxSetup(AppServices *services, EmbeddedSandbox *sandbox, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_sandbox(sandbox)
{
    connect(sandbox, &EmbeddedSandbox::started, this, &SandboxSetup::onStarted);
    connect(sandbox, &EmbeddedSandbox::failed, this, [this](const QString &message) {
        if (m_waiting) {
            m_waiting = false;
            emit failed(message);
        }
    });
}

ServerProfile SandboxSetup::profileFor(const QUrl &fhirBase, const QString &id)
{
    ServerProfile p;
    p.id = id;
    p.displayName = tr("Sandbox");
    p.fhirBase = fhirBase;
    p.vendorId = QStringLiteral("generic");
    p.authMethod = AuthMethod::None;
    p.groups = {{QStringLiteral("demo"), tr("Demo cohort, 25 patients")},
                {QStringLiteral("all"), tr("Everyone, 200 patients")}};
    return p;
}

QString SandboxSetup::profileId() const
{
    const QString id = m_services->settings()->sandboxProfileId();
    return !id.isEmpty() && m_services->profiles()->profile(id) ? id : QString();
}

void SandboxSetup::createProfile()
{
    m_create = true;
    m_waiting = true;
    m_sandbox->start();
}

void SandboxSetup::resume()
{
    if (profileId().isEmpty()) {
        return;
    }
    m_waiting = true;
    m_sandbox->start();
}

void SandboxSetup::onStarted(const QUrl &fhirBase)
{
    if (!m_waiting) {
        return;
    }
    m_waiting = false;
    QString id = profileId();
    if (id.isEmpty()) {
        if (!m_create) {
            return;
        }
        id = ServerProfile::makeId(QStringLiteral("sandbox"), m_services->profiles()->ids());
    }
    m_create = false;
    ServerProfile profile = m_services->profiles()->profile(id).value_or(profileFor(fhirBase, id));
    profile.fhirBase = fhirBase; // a new port each run
    QString error;
    if (!m_services->profiles()->save(profile, &error)) {
        emit failed(error);
        return;
    }
    m_services->settings()->setSandboxProfileId(id);
    emit ready(id);
}
