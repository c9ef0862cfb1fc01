#include "app/appservices.h"

#include "auth/authorizerfactory.h"
#include "auth/noauthorizer.h"
#include "export/exporthistory.h"
#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "export/journal.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"
#include "store/secretstore.h"
#include "vendor/vendorregistry.h"

#include <QNetworkAccessManager>

AppServices::AppServices(std::unique_ptr<SecretStore> secrets, const QString &secretNotice, const Paths &paths,
                         const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_secretNotice(secretNotice)
    , m_nam(std::make_unique<QNetworkAccessManager>())
    , m_secrets(std::move(secrets))
    , m_profiles(std::make_unique<ProfileStore>(m_secrets.get(), paths.configDir))
    , m_journal(std::make_unique<Journal>(paths.journalDir.isEmpty() ? Journal::defaultDirectory() : paths.journalDir))
    , m_history(std::make_unique<ExportHistory>(paths.historyPath.isEmpty() ? ExportHistory::defaultPath()
                                                                            : paths.historyPath))
    , m_authorizers(std::make_unique<AuthorizerFactory>(m_nam.get(), m_secrets.get(), m_clock))
    , m_exports(std::make_unique<ExportManager>(m_nam.get(), m_journal.get(), m_history.get(), m_clock))
    , m_settings(std::make_unique<UiSettings>(paths.settingsPath))
{
    // An export of a profile gets the authorizer the profile calls for, with its secrets from the store; an
    // export whose profile is gone (or an ad-hoc one) goes without credentials and fails where the server says so.
    m_exports->setAuthorizerProvider([this](const QString &profileId, ExportManager::AuthorizerReady ready) {
        const auto profile = m_profiles->profile(profileId);
        if (!profile) {
            ready(std::make_shared<NoAuthorizer>(), QString());
            return;
        }
        m_authorizers->create(*profile, VendorRegistry::instance().profile(profile->vendorId), this,
                              [ready](std::unique_ptr<Authorizer> authorizer, const std::optional<AuthFailure> &f) {
                                  ready(std::shared_ptr<Authorizer>(authorizer.release()), f ? f->message : QString());
                              });
    });
}

AppServices::~AppServices()
{
    // Exports stop without touching the servers; the journal keeps them for the next start.
    m_exports->suspendAll();
}

std::unique_ptr<AuthorizerFactory> AppServices::authorizersWith(const QHash<QString, QString> &pendingSecrets) const
{
    auto factory = std::make_unique<AuthorizerFactory>(m_nam.get(), m_secrets.get(), m_clock);
    for (auto it = pendingSecrets.cbegin(); it != pendingSecrets.cend(); ++it) {
        factory->setSecretOverride(it.key(), it.value());
    }
    return factory;
}

void AppServices::credentialsChanged(const QString &profileId)
{
    // Exports that run keep the authorizer they share until they finish; the next one gets the new credentials.
    m_exports->forgetCredentials(profileId);
}

QString AppServices::loadProfiles(QStringList *warnings)
{
    QString error;
    if (!m_profiles->load(&error, warnings)) {
        return error;
    }
    return {};
}
