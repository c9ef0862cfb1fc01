#include "profile/connectioncheckpanel.h"

#include "app/appservices.h"
#include "auth/authorizer.h"
#include "auth/authorizerfactory.h"
#include "preflight/connectioncheck.h"
#include "vendor/vendorregistry.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

ConnectionCheckPanel::ConnectionCheckPanel(AppServices *services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_checkButton(new QPushButton(tr("&Check connection"), this))
    , m_copyButton(new QPushButton(tr("Cop&y report"), this))
    , m_summary(new QLabel(this))
    , m_steps(new QTextBrowser(this))
{
    m_checkButton->setObjectName(QStringLiteral("checkConnectionButton"));
    m_summary->setObjectName(QStringLiteral("checkSummaryLabel"));
    m_steps->setObjectName(QStringLiteral("checkStepsView"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Reads the server's capabilities and SMART configuration, obtains a token, compares the "
                          "granted scopes with your resource types and looks up your first group. Nothing on the "
                          "server changes."));
    m_copyButton->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_checkButton);
    buttons->addWidget(m_copyButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_steps, 1);
    connect(m_checkButton, &QPushButton::clicked, this, &ConnectionCheckPanel::checkRequested);
    connect(m_copyButton, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(reportText()); });
}

ConnectionCheckPanel::~ConnectionCheckPanel()
{
    delete m_check; // before the authorizer it uses
}

QString ConnectionCheckPanel::reportText() const
{
    return m_report.toText();
}

void ConnectionCheckPanel::setRunning(bool running)
{
    m_running = running;
    m_checkButton->setEnabled(!running);
    m_copyButton->setEnabled(!running && !m_report.steps.isEmpty());
}

void ConnectionCheckPanel::start(const ServerProfile &profile, const QHash<QString, QString> &pendingSecrets,
                                 const std::optional<ExportRequest> &request)
{
    if (m_running) {
        return;
    }
    delete m_check;
    m_authorizer.reset();
    m_report = {};
    m_steps->clear();
    m_summary->setText(tr("Checking %1…").arg(profile.fhirBase.toDisplayString()));
    setRunning(true);
    if (profile.authMethod == AuthMethod::None) {
        run(profile, request);
        return;
    }
    m_factory = m_services->authorizersWith(pendingSecrets);
    m_factory->create(
        profile, VendorRegistry::instance().profile(profile.vendorId), this,
        [this, profile, request](std::unique_ptr<Authorizer> authorizer, const std::optional<AuthFailure> &f) {
            if (!authorizer) {
                PreflightStep step{QStringLiteral("credentials"), tr("Prepare the credentials"),
                                   PreflightStep::Status::Failed, f ? f->message : QString(),
                                   tr("Complete the Authentication tab, then check again.")};
                m_report.steps.append(step);
                appendStep(step);
                done(m_report);
                return;
            }
            m_authorizer = std::move(authorizer);
            run(profile, request);
        });
}

void ConnectionCheckPanel::run(const ServerProfile &profile, const std::optional<ExportRequest> &request)
{
    ConnectionCheck::Input input;
    input.profile = VendorRegistry::instance().profile(profile.vendorId);
    if (request) {
        input.request = *request;
        input.request.base = profile.fhirBase;
        input.authorizer = m_authorizer.get();
        startCheck(input);
        return;
    }
    input.request.base = profile.fhirBase;
    input.request.types = profile.defaultTypes;
    if (!profile.groups.isEmpty()) {
        input.request.level = ExportLevel::Group;
        input.request.groupId = profile.groups.constFirst().id;
    } else {
        input.request.level =
            input.profile.supportsLevel(QStringLiteral("system")) ? ExportLevel::System : ExportLevel::Patient;
    }
    input.authorizer = m_authorizer.get();
    startCheck(input);
}

void ConnectionCheckPanel::startCheck(const ConnectionCheck::Input &input)
{
    m_check = new ConnectionCheck(m_services->network(), m_services->clock(), input, this);
    connect(m_check, &ConnectionCheck::stepFinished, this, &ConnectionCheckPanel::appendStep);
    connect(m_check, &ConnectionCheck::finished, this, &ConnectionCheckPanel::done);
    m_check->start();
}

void ConnectionCheckPanel::appendStep(const PreflightStep &step)
{
    QString html = QStringLiteral("<p><b>[%1] %2</b><br>%3")
                       .arg(PreflightStep::statusName(step.status).toHtmlEscaped(), step.title.toHtmlEscaped(),
                            step.detail.toHtmlEscaped());
    if (!step.advice.isEmpty()) {
        html += QStringLiteral("<br><i>%1</i> %2").arg(tr("What to do:").toHtmlEscaped(), step.advice.toHtmlEscaped());
    }
    m_steps->append(html + QStringLiteral("</p>"));
}

void ConnectionCheckPanel::done(const PreflightReport &report)
{
    m_report = report;
    if (m_check) {
        m_check->deleteLater();
        m_check = nullptr;
    }
    QString summary;
    if (report.hasFailures()) {
        summary = tr("Connection check failed: see the steps below.");
    } else if (report.hasWarnings()) {
        summary = tr("Connection works, with warnings.");
    } else {
        summary = tr("Connection works.");
    }
    m_summary->setText(summary);
    setRunning(false);
    emit finished(summary, m_authorizer ? m_authorizer->expiresAt() : QDateTime());
}
