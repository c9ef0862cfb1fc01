#include "auth/authorizerfactory.h"

#include "auth/clientsecretauthorizer.h"
#include "auth/headerauthorizer.h"
#include "auth/noauthorizer.h"
#include "auth/signingkey.h"
#include "auth/smartauthorizer.h"
#include "auth/statictokenauthorizer.h"
#include "store/secretstore.h"
#include "store/serverprofile.h"
#include "util/logging.h"
#include "util/redactor.h"
#include "vendor/vendorprofile.h"

#include <QPointer>
#include <QTimer>

AuthorizerFactory::AuthorizerFactory(QNetworkAccessManager *nam, SecretStore *secrets, const Clock *clock,
                                     QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_secrets(secrets)
    , m_clock(clock)
{
}

AuthorizerFactory::~AuthorizerFactory() = default;

void AuthorizerFactory::setSecretOverride(const QString &name, const QString &value)
{
    Redactor::instance().addSecret(value);
    m_overrides.insert(name, value);
}

OAuthSettings AuthorizerFactory::oauthSettings(const ServerProfile &profile, const VendorProfile &vendor)
{
    OAuthSettings s;
    s.fhirBase = profile.fhirBase;
    s.tokenUrl = profile.tokenUrl;
    s.clientId = profile.clientId.trimmed();
    s.scope = profile.scope.trimmed().isEmpty() ? vendor.defaultScope : profile.scope.simplified();
    return s;
}

void AuthorizerFactory::create(const ServerProfile &profile, const VendorProfile &vendor, QObject *context, Done done)
{
    const QStringList problems = profile.problems(vendor);
    if (!problems.isEmpty()) {
        fail(context, done,
             tr("The settings of %1 are incomplete: %2").arg(profile.displayName, problems.join(QLatin1Char(' '))));
        return;
    }
    readSecrets(profile, vendor, profile.secretNames(), {}, context, std::move(done));
}

void AuthorizerFactory::readSecrets(const ServerProfile &profile, const VendorProfile &vendor, QStringList names,
                                    Secrets secrets, QObject *context, Done done)
{
    while (!names.isEmpty() && m_overrides.contains(names.first())) {
        const QString name = names.takeFirst();
        secrets.insert(name, m_overrides.value(name));
    }
    if (names.isEmpty()) {
        // Deferred so that "never inside create()" holds even when nothing had to be read.
        QPointer<AuthorizerFactory> self(this);
        QPointer<QObject> guard(context);
        QTimer::singleShot(0, this, [self, guard, profile, vendor, secrets, done] {
            if (self && guard) {
                self->build(profile, vendor, secrets, guard, done);
            }
        });
        return;
    }
    const QString name = names.takeFirst();
    QPointer<AuthorizerFactory> self(this);
    m_secrets->read(SecretStore::key(profile.id, name), context,
                    [self, profile, vendor, names, secrets, name, context,
                     done = std::move(done)](const SecretResult &result) mutable {
                        if (!self) {
                            return;
                        }
                        if (result.ok() && !result.value.isEmpty()) {
                            secrets.insert(name, result.value);
                            self->readSecrets(profile, vendor, names, secrets, context, std::move(done));
                            return;
                        }
                        AuthFailure failure;
                        failure.message = result.status == SecretResult::Status::NotFound || result.ok()
                                              ? self->missingSecretText(profile, name)
                                              : result.message;
                        done(nullptr, failure);
                    });
}

QString AuthorizerFactory::missingSecretText(const ServerProfile &profile, const QString &name) const
{
    const QString server = profile.displayName;
    QString text;
    if (name == QLatin1String(SecretStore::kPrivateKey)) {
        text = tr("No private key is stored for %1. Generate or import one in the server's settings.").arg(server);
    } else if (name == QLatin1String(SecretStore::kClientSecret)) {
        text = tr("No client secret is stored for %1. Enter it in the server's settings.").arg(server);
    } else if (name == QLatin1String(SecretStore::kToken)) {
        text = tr("No bearer token is stored for %1. Paste one in the server's settings.").arg(server);
    } else {
        text = tr("No value is stored for the header %1 of %2. Enter it in the server's settings.")
                   .arg(name.section(QLatin1Char('/'), 1), server);
    }
    text += tr(" For unattended runs, the secret can come from a file or an environment variable instead.");
    if (m_secrets->isPersistent()) {
        text += QLatin1Char(' ') + tr("If you stored it before, the system keychain may be locked: unlock it and "
                                      "try again.");
    } else {
        text += QLatin1Char(' ') + tr("(No system keychain is available, so secrets entered earlier were kept only "
                                      "for that session.)");
    }
    return text;
}

void AuthorizerFactory::build(const ServerProfile &profile, const VendorProfile &vendor, const Secrets &secrets,
                              QObject *context, const Done &done)
{
    std::unique_ptr<Authorizer> authorizer;
    switch (profile.authMethod) {
    case AuthMethod::None:
        authorizer = std::make_unique<NoAuthorizer>();
        break;
    case AuthMethod::StaticToken: {
        auto token = std::make_unique<StaticTokenAuthorizer>(secrets.value(QLatin1String(SecretStore::kToken)));
        token->setClock(m_clock);
        authorizer = std::move(token);
        break;
    }
    case AuthMethod::SmartBackend: {
        QString error;
        const SigningKey key =
            SigningKey::fromPem(secrets.value(QLatin1String(SecretStore::kPrivateKey)).toUtf8(), &error);
        if (key.isNull()) {
            fail(context, done, tr("The private key stored for %1 cannot be used: %2").arg(profile.displayName, error));
            return;
        }
        if (!profile.algorithm.isEmpty() && profile.algorithm.compare(key.algorithmName(), Qt::CaseInsensitive) != 0) {
            fail(context, done,
                 tr("The settings of %1 say %2, but the stored key is an %3 key. Generate or import a "
                    "%2 key, or change the algorithm.")
                     .arg(profile.displayName, profile.algorithm.toUpper(), key.algorithmName()));
            return;
        }
        if (!vendor.signingAlgorithms.contains(key.algorithmName(), Qt::CaseInsensitive)) {
            fail(context, done,
                 tr("%1 accepts only %2 keys, but the key stored for %3 is %4. Generate or import "
                    "a key of an accepted kind.")
                     .arg(vendor.displayName, vendor.signingAlgorithms.join(tr(" or ")), profile.displayName,
                          key.algorithmName()));
            return;
        }
        authorizer = std::make_unique<SmartAuthorizer>(m_nam, m_clock, oauthSettings(profile, vendor), key,
                                                       profile.kid.trimmed(), profile.jwksUrl);
        break;
    }
    case AuthMethod::ClientSecret:
        authorizer = std::make_unique<ClientSecretAuthorizer>(
            m_nam, m_clock, oauthSettings(profile, vendor), secrets.value(QLatin1String(SecretStore::kClientSecret)),
            profile.secretInBody ? ClientSecretStyle::Form : ClientSecretStyle::Basic);
        break;
    case AuthMethod::Headers: {
        QList<AuthHeader> headers;
        for (const ProfileHeader &h : profile.headers) {
            headers.append({h.name.toLatin1(),
                            h.secret ? secrets.value(SecretStore::headerSecretName(h.name)) : h.value, h.secret});
        }
        authorizer = std::make_unique<HeaderAuthorizer>(headers);
        break;
    }
    }
    qCInfo(lcAuth).noquote() << "authorizer for" << profile.id << ":" << authorizer->describe();
    done(std::move(authorizer), std::nullopt);
}

void AuthorizerFactory::fail(QObject *context, const Done &done, const QString &message)
{
    AuthFailure failure;
    failure.message = message;
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [guard, done, failure] {
        if (guard) {
            done(nullptr, failure);
        }
    });
}
