#include "cliservices.h"

#include "authoptions.h"

#include "auth/authorizer.h"
#include "auth/authorizerfactory.h"
#include "store/profilestore.h"
#include "store/secretstore.h"
#include "store/secretstoreprobe.h"
#include "util/clock.h"
#include "vendor/vendorregistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTextStream>

CliServices::CliServices() = default;
CliServices::~CliServices() = default;

QNetworkAccessManager *CliServices::network()
{
    if (!m_nam) {
        m_nam = std::make_unique<QNetworkAccessManager>();
    }
    return m_nam.get();
}

SecretStore *CliServices::secrets()
{
    if (m_secrets) {
        return m_secrets.get();
    }
    SecretStoreProbe probe;
    probe.setTimeout(std::chrono::seconds(10));
    QEventLoop loop;
    SecretStoreProbe::Outcome outcome;
    QObject::connect(&probe, &SecretStoreProbe::finished, &loop, [&](const SecretStoreProbe::Outcome &o) {
        outcome = o;
        loop.quit();
    });
    probe.start();
    loop.exec();
    if (!outcome.notice.isEmpty()) {
        QTextStream(stderr) << "ferry-cli: " << outcome.notice << '\n';
    }
    m_secrets = probe.takeStore();
    return m_secrets.get();
}

ProfileStore *CliServices::profiles(QString *error)
{
    if (!m_profiles) {
        m_profiles = std::make_unique<ProfileStore>(secrets());
    }
    if (!m_profilesLoaded) {
        QStringList warnings;
        if (!m_profiles->load(error, &warnings)) {
            return nullptr;
        }
        for (const QString &w : std::as_const(warnings)) {
            QTextStream(stderr) << "ferry-cli: " << w << '\n';
        }
        m_profilesLoaded = true;
    }
    return m_profiles.get();
}

std::optional<ServerProfile> CliServices::findProfile(const QString &nameOrId, QString *error)
{
    ProfileStore *store = profiles(error);
    if (!store) {
        return std::nullopt;
    }
    if (auto p = store->profile(nameOrId)) {
        return p;
    }
    for (const ServerProfile &p : store->profiles()) {
        if (p.displayName.compare(nameOrId, Qt::CaseInsensitive) == 0) {
            return p;
        }
    }
    *error =
        QCoreApplication::translate("CliServices",
                                    "No server profile \"%1\". Known: %2 (see `ferry-cli profiles list`).")
            .arg(nameOrId, store->ids().isEmpty() ? QStringLiteral("none") : store->ids().join(QStringLiteral(", ")));
    return std::nullopt;
}

std::unique_ptr<Authorizer> CliServices::authorizerFor(const ServerProfile &profile, const QCommandLineParser &parser,
                                                       QString *error)
{
    AuthorizerFactory factory(network(), secrets(), Clock::system());
    if (!AuthOptions::applyOverrides(parser, &factory, error)) {
        return nullptr;
    }
    std::unique_ptr<Authorizer> result;
    QEventLoop loop;
    QObject context;
    factory.create(profile, VendorRegistry::instance().profile(profile.vendorId), &context,
                   [&](std::unique_ptr<Authorizer> authorizer, const std::optional<AuthFailure> &failure) {
                       if (failure) {
                           *error = failure->message;
                       }
                       result = std::move(authorizer);
                       loop.quit();
                   });
    loop.exec();
    return result;
}

QString CliServices::writeSecret(const QString &key, const QString &value)
{
    QString error;
    QEventLoop loop;
    QObject context;
    secrets()->write(key, value, &context, [&](const SecretResult &r) {
        if (!r.ok()) {
            error = r.message;
        }
        loop.quit();
    });
    loop.exec();
    return error;
}

std::optional<QString> CliServices::readSecret(const QString &key, QString *error)
{
    std::optional<QString> value;
    QEventLoop loop;
    QObject context;
    secrets()->read(key, &context, [&](const SecretResult &r) {
        if (r.ok()) {
            value = r.value;
        } else {
            *error = r.message;
        }
        loop.quit();
    });
    loop.exec();
    return value;
}

QString CliServices::removeProfile(const QString &id)
{
    QString error;
    ProfileStore *store = profiles(&error);
    if (!store) {
        return error;
    }
    QEventLoop loop;
    QObject context;
    store->remove(id, &context, [&](const QString &e) {
        error = e;
        loop.quit();
    });
    loop.exec();
    return error;
}
