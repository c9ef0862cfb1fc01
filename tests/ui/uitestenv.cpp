#include "uitestenv.h"

#include "app/appservices.h"
#include "store/memorysecretstore.h"
#include "util/clock.h"

UiTestEnv::UiTestEnv()
{
    create();
}

void UiTestEnv::restart()
{
    m_services.reset();
    create();
}

void UiTestEnv::create()
{
    auto secrets = std::make_unique<MemorySecretStore>();
    m_secrets = secrets.get();
    AppServices::Paths paths;
    paths.configDir = m_dir.filePath(QStringLiteral("config"));
    paths.journalDir = m_dir.filePath(QStringLiteral("jobs"));
    paths.historyPath = m_dir.filePath(QStringLiteral("history.json"));
    paths.settingsPath = m_dir.filePath(QStringLiteral("ui.ini"));
    m_services = std::make_unique<AppServices>(std::move(secrets), QString(), paths, Clock::system());
    m_services->loadProfiles();
}

UiTestEnv::~UiTestEnv() = default;
