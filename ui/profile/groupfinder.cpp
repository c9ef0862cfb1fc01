#include "profile/groupfinder.h"

#include "app/appservices.h"
#include "auth/authorizer.h"
#include "auth/authorizerfactory.h"
#include "vendor/vendorregistry.h"

GroupFinder::GroupFinder(AppServices *services, QObject *parent)
    : QObject(parent)
    , m_services(services)
{
}

GroupFinder::~GroupFinder()
{
    delete m_search; // before the authorizer it uses
}

void GroupFinder::start(const ServerProfile &profile, const QHash<QString, QString> &pendingSecrets,
                        const QString &name)
{
    if (profile.authMethod == AuthMethod::None) {
        search(profile, name);
        return;
    }
    m_factory = m_services->authorizersWith(pendingSecrets);
    m_factory->create(
        profile, VendorRegistry::instance().profile(profile.vendorId), this,
        [this, profile, name](std::unique_ptr<Authorizer> authorizer, const std::optional<AuthFailure> &failure) {
            if (!authorizer) {
                emit finished({{}, failure ? failure->message : tr("No credentials."), false});
                return;
            }
            m_authorizer = std::move(authorizer);
            search(profile, name);
        });
}

void GroupFinder::search(const ServerProfile &profile, const QString &name)
{
    m_search = new GroupSearch(m_services->network(), m_services->clock(), profile.fhirBase,
                               VendorRegistry::instance().profile(profile.vendorId), m_authorizer.get(), this);
    connect(m_search, &GroupSearch::finished, this, &GroupFinder::finished);
    m_search->start(name);
}
