#include "profile/profileeditor.h"

#include "app/appservices.h"
#include "profile/authfields.h"
#include "profile/baseurlcheck.h"
#include "profile/connectioncheckpanel.h"
#include "profile/findgroupsdialog.h"
#include "profile/groupfinder.h"
#include "profile/groupseditor.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"
#include "store/secretstore.h"
#include "vendor/vendorregistry.h"
#include "widgets/fieldnote.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

ProfileEditor::ProfileEditor(AppServices *services, const ServerProfile &profile, bool isNew, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
    , m_original(profile)
    , m_isNew(isNew)
    , m_tabs(new QTabWidget(this))
    , m_name(new QLineEdit(this))
    , m_baseUrl(new QLineEdit(this))
    , m_nameNote(nullptr)
    , m_baseUrlNote(nullptr)
    , m_vendor(new QComboBox(this))
    , m_vendorHelp(new QLabel(this))
    , m_auth(new AuthFields(services->secrets(), this))
    , m_groups(new GroupsEditor(this))
    , m_check(new ConnectionCheckPanel(services, this))
    , m_problems(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("profileEditor"));
    setWindowTitle(isNew ? tr("New server") : tr("Edit %1").arg(profile.displayName));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_vendor->setObjectName(QStringLiteral("vendorCombo"));
    m_problems->setObjectName(QStringLiteral("problemsLabel"));
    m_nameNote = new FieldNote(m_name, this);
    m_baseUrlNote = new FieldNote(m_baseUrl, this);
    m_problems->setWordWrap(true);

    m_tabs->addTab(buildServerTab(), tr("&Server"));
    m_tabs->addTab(m_auth, tr("&Authentication"));
    m_tabs->addTab(m_groups, tr("&Groups"));
    m_tabs->addTab(m_check, tr("C&heck"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);

    for (const VendorProfile &v : VendorRegistry::instance().all()) {
        m_vendor->addItem(v.displayName, v.id);
    }
    m_name->setText(profile.displayName);
    m_baseUrl->setText(profile.fhirBase.toString());
    m_vendor->setCurrentIndex(std::max(0, m_vendor->findData(profile.vendorId)));
    m_auth->load(profile, !isNew);
    m_groups->setGroups(profile.groups);
    vendorChanged();

    connect(m_name, &QLineEdit::textChanged, this, &ProfileEditor::validate);
    connect(m_baseUrl, &QLineEdit::textChanged, this, &ProfileEditor::validate);
    connect(m_vendor, &QComboBox::currentIndexChanged, this, [this] {
        // Choosing a preset for a new profile starts from the vendor's authentication method, unless the user
        // has already typed a secret for another one.
        const VendorProfile vendor = VendorRegistry::instance().profile(m_vendor->currentData().toString());
        const auto method = ServerProfile::authMethodFromName(vendor.defaultAuthMethod);
        if (m_isNew && method && m_auth->pendingSecrets().isEmpty()) {
            m_auth->setMethod(*method);
        }
        // ... and the preset's supported types as the export form's first selection, unless the user chose some.
        if (m_isNew && (m_original.defaultTypes.isEmpty() || m_original.defaultTypes == m_presetTypes)) {
            m_original.defaultTypes = vendor.supportedTypes;
        }
        m_presetTypes = vendor.supportedTypes;
        vendorChanged();
    });
    connect(m_auth, &AuthFields::changed, this, &ProfileEditor::validate);
    connect(m_groups, &GroupsEditor::changed, this, &ProfileEditor::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProfileEditor::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ProfileEditor::reject);
    connect(m_groups, &GroupsEditor::findGroupsRequested, this, &ProfileEditor::findGroups);
    connect(m_check, &ConnectionCheckPanel::checkRequested, this,
            [this] { m_check->start(currentProfile(), m_auth->pendingSecrets()); });
    connect(m_check, &ConnectionCheckPanel::finished, this,
            [this](const QString &summary, const QDateTime &tokenExpires) {
                m_checkSummary = summary;
                m_checkedAt = QDateTime::currentDateTimeUtc();
                m_tokenExpires = tokenExpires;
                if (!m_isNew) {
                    m_services->settings()->setCheckStatus(m_original.id, {m_checkedAt, summary, tokenExpires});
                }
            });
    validate();
}

ProfileEditor::~ProfileEditor() = default;

QWidget *ProfileEditor::buildServerTab()
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    m_name->setPlaceholderText(tr("What you call this server, e.g. Epic – Production"));
    m_baseUrl->setPlaceholderText(tr("https://fhir.example.org/r4"));
    m_vendorHelp->setWordWrap(true);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_nameNote);
    form->addRow(tr("FHIR &base URL:"), m_baseUrl);
    form->addRow(QString(), m_baseUrlNote);
    form->addRow(tr("&Vendor preset:"), m_vendor);
    form->addRow(QString(), m_vendorHelp);
    if (!m_services->secrets()->isPersistent()) {
        auto *notice = new QLabel(
            m_services->secretNotice().isEmpty() ? SecretStore::noKeychainMessage() : m_services->secretNotice(), page);
        notice->setObjectName(QStringLiteral("keychainNotice"));
        notice->setWordWrap(true);
        form->addRow(notice);
    }
    return page;
}

void ProfileEditor::findGroups()
{
    if (!m_baseUrlNote->problem().isEmpty()) {
        m_tabs->setCurrentIndex(0);
        m_baseUrl->setFocus();
        return;
    }
    auto *dialog = new FindGroupsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *finder = new GroupFinder(m_services, dialog);
    connect(finder, &GroupFinder::finished, dialog, [this, dialog](const GroupSearchResult &result) {
        QStringList listed;
        for (const ProfileGroup &g : m_groups->groups()) {
            listed << g.id;
        }
        dialog->setResult(result, listed);
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_groups->addGroups(dialog->chosenGroups()); });
    finder->start(currentProfile(), m_auth->pendingSecrets());
    dialog->open();
}

void ProfileEditor::vendorChanged()
{
    const VendorProfile vendor = VendorRegistry::instance().profile(m_vendor->currentData().toString());
    QStringList help;
    if (!vendor.description.isEmpty()) {
        help << vendor.description;
    }
    if (!vendor.connectionHelp.isEmpty()) {
        help << vendor.connectionHelp;
    }
    if (!vendor.supportedTypes.isEmpty()) {
        help << tr("Exports these %n resource type(s): %1.", nullptr, int(vendor.supportedTypes.size()))
                    .arg(vendor.supportedTypes.join(QStringLiteral(", ")));
    }
    if (!vendor.groupIdHint.isEmpty()) {
        help << tr("Group ids look like %1.").arg(vendor.groupIdHint);
    }
    m_vendorHelp->setText(help.join(QLatin1Char('\n')));
    m_vendorHelp->setVisible(!help.isEmpty());
    m_auth->setVendor(vendor);
    validate();
}

ServerProfile ProfileEditor::currentProfile() const
{
    ServerProfile p = m_original;
    p.displayName = m_name->text().trimmed();
    p.fhirBase = QUrl(m_baseUrl->text().trimmed());
    p.vendorId = m_vendor->currentData().toString();
    m_auth->apply(&p);
    p.groups = m_groups->groups();
    if (m_isNew && p.id.isEmpty()) {
        p.id = ServerProfile::makeId(p.displayName.isEmpty() ? QStringLiteral("server") : p.displayName,
                                     m_services->profiles()->ids());
    }
    return p;
}

QStringList ProfileEditor::problems() const
{
    const ServerProfile p = currentProfile();
    return p.problems(VendorRegistry::instance().profile(p.vendorId));
}

void ProfileEditor::validate()
{
    m_nameNote->setProblem(m_name->text().trimmed().isEmpty() ? tr("Give the server a name.") : QString());
    m_baseUrlNote->setProblem(BaseUrlCheck::problem(m_baseUrl->text()));
    QStringList warnings;
    const ServerProfile p = currentProfile();
    QStringList errors = p.problems(VendorRegistry::instance().profile(p.vendorId), &warnings);
    // The name and URL problems are already shown at their fields.
    const bool fieldProblems = !m_nameNote->problem().isEmpty() || !m_baseUrlNote->problem().isEmpty();
    QStringList shown;
    if (!fieldProblems) {
        shown = errors;
    }
    shown += warnings;
    m_problems->setText(shown.join(QLatin1Char('\n')));
    m_problems->setVisible(!shown.isEmpty());
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(errors.isEmpty() && !fieldProblems && !m_saving);
}

void ProfileEditor::save()
{
    validate();
    if (!m_buttons->button(QDialogButtonBox::Save)->isEnabled()) {
        return;
    }
    const ServerProfile profile = currentProfile();
    QList<QPair<QString, QString>> secrets;
    const QHash<QString, QString> pending = m_auth->pendingSecrets();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        secrets.append({SecretStore::key(profile.id, it.key()), it.value()});
    }
    m_saving = true;
    validate();
    writeSecrets(profile, secrets);
}

void ProfileEditor::writeSecrets(const ServerProfile &profile, QList<QPair<QString, QString>> secrets)
{
    if (secrets.isEmpty()) {
        finishSave(profile);
        return;
    }
    const auto next = secrets.takeFirst();
    m_services->secrets()->write(next.first, next.second, this, [this, profile, secrets](const SecretResult &result) {
        if (!result.ok()) {
            failSave(tr("The secrets could not be saved: %1").arg(result.message));
            return;
        }
        writeSecrets(profile, secrets);
    });
}

void ProfileEditor::finishSave(const ServerProfile &profile)
{
    QString error;
    if (!m_services->profiles()->save(profile, &error)) {
        failSave(error);
        return;
    }
    m_services->credentialsChanged(profile.id);
    if (m_checkedAt.isValid()) {
        m_services->settings()->setCheckStatus(profile.id, {m_checkedAt, m_checkSummary, m_tokenExpires});
    }
    m_saving = false;
    emit saved(profile.id);
    accept();
}

void ProfileEditor::failSave(const QString &message)
{
    m_saving = false;
    validate();
    m_problems->setText(message);
    m_problems->setVisible(true);
}
