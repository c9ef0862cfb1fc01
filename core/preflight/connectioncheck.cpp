#include "preflight/connectioncheck.h"

#include "auth/authorizer.h"
#include "net/failuretext.h"
#include "net/fetchjob.h"
#include "preflight/scopecheck.h"
#include "util/clock.h"
#include "util/durationtext.h"
#include "vendor/vendorregistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using Status = PreflightStep::Status;

ConnectionCheck::ConnectionCheck(QNetworkAccessManager *nam, const Clock *clock, const Input &input, QObject *parent)
    : QObject(parent)
    , m_input(input)
    , m_factory(input.request.base, input.profile)
{
    m_factory.setAuthorizer(input.authorizer);
    m_factory.setTransferTimeout(std::chrono::seconds(30));
    m_net = NetworkContext{nam, &m_factory, nullptr, clock};
}

ConnectionCheck::~ConnectionCheck() = default;

void ConnectionCheck::add(const QString &id, const QString &title, Status status, const QString &detail,
                          const QString &advice)
{
    PreflightStep step{id, title, status, detail, advice};
    m_report.steps.append(step);
    emit stepFinished(step);
}

void ConnectionCheck::fetch(const QUrl &url, const QString &operation, bool credentials,
                            void (ConnectionCheck::*next)(const FetchResult &))
{
    auto *job = new FetchJob(m_net, url, operation, credentials, this);
    m_current = job;
    connect(job, &FetchJob::finished, this, [this, job, next](const FetchResult &result) {
        job->deleteLater();
        m_current = nullptr;
        (this->*next)(result);
    });
    job->start();
}

static QUrl relative(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString p = url.path();
    while (p.endsWith(QLatin1Char('/'))) {
        p.chop(1);
    }
    url.setPath(p + path);
    return url;
}

void ConnectionCheck::start()
{
    fetch(relative(m_input.request.base, QStringLiteral("/metadata")), tr("capability check"), false,
          &ConnectionCheck::onMetadata);
}

void ConnectionCheck::onMetadata(const FetchResult &result)
{
    const QString title = tr("Read the server's capabilities");
    if (!result.ok()) {
        add(QStringLiteral("metadata"), title, Status::Failed, FailureText::describe(result.failure, m_input.profile),
            tr("Check the FHIR base URL: it is the address that ends before /metadata, e.g. "
               "https://fhir.example.org/r4 (some vendors put a tenant id in it)."));
        finish();
        return;
    }
    QString error;
    m_report.capabilities = ServerCapabilities::parse(result.response->body, &error);
    if (!m_report.capabilities) {
        add(QStringLiteral("metadata"), title, Status::Failed, error,
            tr("The address answers, but not as a FHIR server. Check the FHIR base URL."));
        finish();
        return;
    }
    const ServerCapabilities &c = *m_report.capabilities;
    QString who = c.softwareName.isEmpty() ? tr("an unnamed server") : c.softwareName;
    if (!c.softwareVersion.isEmpty()) {
        who += QLatin1Char(' ') + c.softwareVersion;
    }
    add(QStringLiteral("metadata"), title, Status::Ok,
        tr("%1, FHIR %2, %n resource type(s) declared.", nullptr, static_cast<int>(c.resourceTypes.size()))
            .arg(who, c.fhirVersion.isEmpty() ? tr("(version not stated)") : c.fhirVersion));
    fetch(relative(m_input.request.base, QStringLiteral("/.well-known/smart-configuration")),
          tr("SMART configuration check"), false, &ConnectionCheck::onSmartConfiguration);
}

void ConnectionCheck::onSmartConfiguration(const FetchResult &result)
{
    const QString title = tr("Find the token endpoint");
    const bool needsToken = m_input.authorizer && m_input.authorizer->canRenew();
    if (result.ok()) {
        const QJsonObject config = QJsonDocument::fromJson(result.response->body).object();
        m_report.tokenUrl = config.value(QLatin1String("token_endpoint")).toString();
        QStringList algs;
        for (const QJsonValue &v :
             config.value(QLatin1String("token_endpoint_auth_signing_alg_values_supported")).toArray()) {
            algs << v.toString();
        }
        const QString detail =
            m_report.tokenUrl.isEmpty()
                ? tr("The SMART configuration names no token endpoint.")
                : tr("Token endpoint %1 (from .well-known/smart-configuration)%2.")
                      .arg(m_report.tokenUrl, algs.isEmpty()
                                                  ? QString()
                                                  : tr("; signing algorithms %1").arg(algs.join(QStringLiteral(", "))));
        add(QStringLiteral("smart-configuration"), title, m_report.tokenUrl.isEmpty() ? Status::Warning : Status::Ok,
            detail);
    } else if (m_report.capabilities && m_report.capabilities->tokenUrl.isValid()) {
        m_report.tokenUrl = m_report.capabilities->tokenUrl.toString();
        add(QStringLiteral("smart-configuration"), title, Status::Ok,
            tr("Token endpoint %1 (from the CapabilityStatement's oauth-uris; the server has no "
               ".well-known/smart-configuration).")
                .arg(m_report.tokenUrl));
    } else {
        add(QStringLiteral("smart-configuration"), title, needsToken ? Status::Warning : Status::Skipped,
            tr("The server publishes no SMART configuration and no oauth-uris."),
            needsToken ? tr("Enter the token URL by hand in the server's settings (your vendor's documentation "
                            "gives it; some put a tenant id in it).")
                       : QString());
    }
    checkVendor();
}

void ConnectionCheck::checkVendor()
{
    const QString title = tr("Recognise the vendor");
    const ServerCapabilities &c = *m_report.capabilities;
    for (const VendorProfile &p : VendorRegistry::instance().all()) {
        for (const QString &name : p.softwareNames) {
            if (!name.isEmpty() && (c.softwareName.contains(name, Qt::CaseInsensitive) ||
                                    c.publisher.contains(name, Qt::CaseInsensitive))) {
                m_report.recognisedVendorId = p.id;
                break;
            }
        }
        if (!m_report.recognisedVendorId.isEmpty()) {
            break;
        }
    }
    if (m_report.recognisedVendorId.isEmpty()) {
        add(QStringLiteral("vendor"), title, Status::Ok,
            tr("No vendor preset matches this server; Ferry follows the Bulk Data IG exactly."));
    } else if (m_report.recognisedVendorId != m_input.profile.id) {
        const VendorProfile recognised = VendorRegistry::instance().profile(m_report.recognisedVendorId);
        add(QStringLiteral("vendor"), title, Status::Warning,
            tr("This looks like %1, but the profile uses the %2 preset.")
                .arg(recognised.displayName, m_input.profile.displayName),
            tr("Switch the vendor preset to %1 so Ferry applies its rules.").arg(recognised.displayName));
    } else {
        add(QStringLiteral("vendor"), title, m_input.profile.traps.isEmpty() ? Status::Ok : Status::Warning,
            tr("This is %1; its preset is in use.").arg(m_input.profile.displayName),
            m_input.profile.traps.join(QLatin1Char(' ')));
    }
    checkToken();
}

void ConnectionCheck::checkToken()
{
    const QString title = tr("Obtain an access token");
    if (!m_input.authorizer) {
        add(QStringLiteral("token"), title, Status::Skipped, tr("This profile uses no authorization."));
        checkScopes();
        return;
    }
    m_input.authorizer->authorize(this, [this, title](const std::optional<AuthFailure> &failure) {
        if (failure) {
            add(QStringLiteral("token"), title, Status::Failed, failure->message,
                tr("Check the client id, the key or secret in the keychain, and that the server has your "
                   "public key (JWKS) registered for this client."));
            finish();
            return;
        }
        m_report.grantedScope = m_input.authorizer->grantedScope();
        const QDateTime expires = m_input.authorizer->expiresAt();
        QString detail = m_input.authorizer->describe();
        if (expires.isValid()) {
            const qint64 ms = m_net.clock->nowUtc().msecsTo(expires);
            detail += tr("; the token is good for %1")
                          .arg(DurationText::format(std::chrono::milliseconds(std::max<qint64>(0, ms))));
        }
        add(QStringLiteral("token"), title, Status::Ok, detail + QLatin1Char('.'));
        checkScopes();
    });
}

void ConnectionCheck::checkScopes()
{
    const QString title = tr("Compare granted scopes with the export");
    if (m_report.grantedScope.isEmpty()) {
        add(QStringLiteral("scopes"), title, Status::Skipped,
            m_input.authorizer ? tr("The token response did not list the granted scopes.")
                               : tr("No token, no scopes to compare."));
        checkBulkSupport();
        return;
    }
    QStringList wanted = m_input.request.types;
    if (wanted.isEmpty()) {
        wanted << QStringLiteral("Patient");
    }
    const QStringList denied = ScopeCheck::deniedTypes(m_report.grantedScope, wanted);
    if (denied.isEmpty()) {
        add(QStringLiteral("scopes"), title, Status::Ok,
            tr("Granted \"%1\", which covers the chosen types.").arg(m_report.grantedScope));
    } else {
        add(QStringLiteral("scopes"), title, Status::Warning,
            tr("Granted \"%1\", which does not allow reading %2.")
                .arg(m_report.grantedScope, denied.join(QStringLiteral(", "))),
            tr("Remove those types from the export, or ask the server's administrator to grant system/<Type>.read "
               "(SMART v1) or system/<Type>.rs (v2) for them."));
    }
    checkBulkSupport();
}

void ConnectionCheck::checkBulkSupport()
{
    const QString title = tr("Check bulk export support");
    const ServerCapabilities &c = *m_report.capabilities;
    const QString level = m_input.request.levelName();
    QStringList problems;
    QStringList advice;
    if (!c.exportLevels.isEmpty() && !c.exportLevels.contains(level)) {
        problems << tr("The server declares $export only at: %1.").arg(c.exportLevels.join(QStringLiteral(", ")));
        advice << tr("Choose one of those levels.");
    }
    QStringList undeclared;
    QStringList excluded;
    for (const QString &t : m_input.request.types) {
        if (!c.resourceTypes.isEmpty() && !c.resourceTypes.contains(t)) {
            undeclared << t;
        }
        if (c.notSupportedInBulk.contains(t)) {
            excluded << t;
        }
    }
    if (!undeclared.isEmpty()) {
        problems << tr("It does not declare %1.").arg(undeclared.join(QStringLiteral(", ")));
    }
    if (!excluded.isEmpty()) {
        problems << tr("It marks %1 as not available in bulk exports.").arg(excluded.join(QStringLiteral(", ")));
        advice << tr("Remove them from _type.");
    }
    if (problems.isEmpty()) {
        add(QStringLiteral("bulk"), title, Status::Ok,
            c.exportLevels.isEmpty()
                ? tr("The server does not list its bulk operations; nothing contradicts the export.")
                : tr("$export is declared at the %1 level.").arg(level));
    } else {
        add(QStringLiteral("bulk"), title, Status::Warning, problems.join(QLatin1Char(' ')),
            advice.join(QLatin1Char(' ')));
    }
    checkGroup();
}

void ConnectionCheck::checkGroup()
{
    if (m_input.request.level != ExportLevel::Group || m_input.request.groupId.isEmpty()) {
        finish();
        return;
    }
    fetch(relative(m_input.request.base, QStringLiteral("/Group/") + m_input.request.groupId), tr("group look-up"),
          true, &ConnectionCheck::onGroup);
}

void ConnectionCheck::onGroup(const FetchResult &result)
{
    const QString title = tr("Look up the group");
    if (result.ok()) {
        const QJsonObject g = QJsonDocument::fromJson(result.response->body).object();
        const QString name = g.value(QLatin1String("name")).toString();
        const QJsonValue quantity = g.value(QLatin1String("quantity"));
        QString detail = tr("Group %1 exists").arg(m_input.request.groupId);
        if (!name.isEmpty()) {
            detail += QStringLiteral(" (\"%1\")").arg(name);
        }
        if (quantity.isDouble()) {
            detail += tr(", %n member(s)", nullptr, quantity.toInt());
        }
        add(QStringLiteral("group"), title, Status::Ok, detail + QLatin1Char('.'));
    } else if (result.failure.status == 404) {
        add(QStringLiteral("group"), title, Status::Warning,
            tr("The server does not know Group %1.").arg(m_input.request.groupId),
            m_input.profile.groupIdHint.isEmpty() ? tr("Check the group id with the server's administrator.")
                                                  : m_input.profile.groupIdHint);
    } else {
        add(QStringLiteral("group"), title, Status::Skipped,
            tr("The group could not be read (%1); some servers export groups they do not let clients read.")
                .arg(FailureText::describe(result.failure, m_input.profile)));
    }
    finish();
}

void ConnectionCheck::finish()
{
    emit finished(m_report);
}
