#include "exportform/exportform.h"

#include "app/appservices.h"
#include "export/exporthistory.h"
#include "export/exportmanager.h"
#include "exportform/advancedoptions.h"
#include "exportform/exportrecordfactory.h"
#include "exportform/kickoffpreview.h"
#include "exportform/sincepicker.h"
#include "exportform/typechecklist.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"
#include "util/clock.h"
#include "vendor/vendorregistry.h"
#include "widgets/fieldnote.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
// ExportRequest::levelName() values, in the order the form offers them.
const char *const kLevels[] = {"group", "patient", "system", "type"};

QString levelTitle(const QString &level)
{
    if (level == QLatin1String("group")) {
        return ExportForm::tr("Group");
    }
    if (level == QLatin1String("patient")) {
        return ExportForm::tr("All patients");
    }
    if (level == QLatin1String("system")) {
        return ExportForm::tr("Whole system");
    }
    return ExportForm::tr("One resource type");
}
} // namespace

ExportForm::ExportForm(AppServices *services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_title(new QLabel(this))
    , m_form(new QFormLayout)
    , m_level(new QComboBox(this))
    , m_levelNote(new FieldNote(m_level, this))
    , m_group(new QComboBox(this))
    , m_groupNote(new FieldNote(m_group, this))
    , m_resourceType(new QComboBox(this))
    , m_resourceTypeNote(new FieldNote(m_resourceType, this))
    , m_types(new TypeChecklist(this))
    , m_typesNote(new FieldNote(m_types, this))
    , m_since(new SincePicker(this))
    , m_sinceNote(new FieldNote(m_since, this))
    , m_advancedToggle(new QToolButton(this))
    , m_advanced(new AdvancedOptions(this))
    , m_destination(new QLineEdit(this))
    , m_destinationNote(new FieldNote(m_destination, this))
    , m_preview(new QPlainTextEdit(this))
    , m_generalProblems(new QLabel(this))
    , m_exportButton(new QPushButton(tr("Export"), this))
{
    setObjectName(QStringLiteral("exportForm"));
    m_level->setObjectName(QStringLiteral("levelCombo"));
    m_group->setObjectName(QStringLiteral("groupCombo"));
    m_resourceType->setObjectName(QStringLiteral("resourceTypeCombo"));
    m_types->setObjectName(QStringLiteral("typeChecklist"));
    m_since->setObjectName(QStringLiteral("sincePicker"));
    m_advanced->setObjectName(QStringLiteral("advancedOptions"));
    m_destination->setObjectName(QStringLiteral("destinationEdit"));
    m_preview->setObjectName(QStringLiteral("requestPreview"));
    m_generalProblems->setObjectName(QStringLiteral("formProblemsLabel"));
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    for (FieldNote *note :
         {m_levelNote, m_groupNote, m_resourceTypeNote, m_typesNote, m_sinceNote, m_destinationNote}) {
        note->nameAfterField();
    }
    buildLayout();

    connect(m_level, &QComboBox::currentIndexChanged, this, &ExportForm::levelChanged);
    connect(m_group, &QComboBox::currentTextChanged, this, &ExportForm::update);
    connect(m_resourceType, &QComboBox::currentIndexChanged, this, &ExportForm::update);
    connect(m_types, &TypeChecklist::changed, this, &ExportForm::update);
    connect(m_since, &SincePicker::changed, this, &ExportForm::update);
    connect(m_advanced, &AdvancedOptions::changed, this, &ExportForm::update);
    connect(m_destination, &QLineEdit::textChanged, this, &ExportForm::update);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool on) {
        m_advanced->setVisible(on);
        m_advancedToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_exportButton, &QPushButton::clicked, this, &ExportForm::startExport);
    m_destination->setText(services->settings()->destination());
    setProfile({});
}

ExportForm::~ExportForm() = default;

void ExportForm::buildLayout()
{
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_group->setEditable(true);
    m_group->setInsertPolicy(QComboBox::NoInsert);
    m_group->lineEdit()->setPlaceholderText(tr("Group id"));
    m_advancedToggle->setText(tr("Advanc&ed"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advancedToggle->setAutoRaise(true);
    m_advanced->setVisible(false);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_preview->setMaximumHeight(m_preview->fontMetrics().lineSpacing() * 8);
    m_preview->setTabChangesFocus(true);
    m_preview->setAccessibleName(tr("Kick-off request preview"));
    m_generalProblems->setWordWrap(true);
    m_exportButton->setDefault(true);
    m_exportButton->setToolTip(tr("Start the export (Ctrl+Return)")); // the shortcut is the Export menu's

    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browseDestinationButton"));
    connect(browse, &QPushButton::clicked, this, &ExportForm::chooseDestination);
    auto *destination = new QHBoxLayout;
    destination->addWidget(m_destination, 1);
    destination->addWidget(browse);

    m_form->addRow(tr("&Level:"), m_level);
    m_form->addRow(QString(), m_levelNote);
    m_form->addRow(tr("&Group:"), m_group);
    m_form->addRow(QString(), m_groupNote);
    m_form->addRow(tr("Resource t&ype:"), m_resourceType);
    m_form->addRow(QString(), m_resourceTypeNote);
    m_form->addRow(tr("_&type:"), m_types);
    m_form->addRow(QString(), m_typesNote);
    auto *rememberTypes = new QPushButton(tr("Use these types for this server next time"), this);
    rememberTypes->setObjectName(QStringLiteral("rememberTypesButton"));
    rememberTypes->setToolTip(tr("Saves the ticked types as the server's default selection (also what Check "
                                 "connection compares the granted scopes with)."));
    connect(rememberTypes, &QPushButton::clicked, this, &ExportForm::rememberTypes);
    m_form->addRow(QString(), rememberTypes);
    m_form->addRow(tr("_sin&ce:"), m_since);
    m_form->addRow(QString(), m_sinceNote);
    m_form->addRow(m_advancedToggle, m_advanced);
    auto *destinationLabel = new QLabel(tr("&Destination:"), this);
    destinationLabel->setBuddy(m_destination);
    m_form->addRow(destinationLabel, destination);
    m_form->addRow(QString(), m_destinationNote);
    m_form->addRow(tr("Request:"), m_preview);

    // Export sits beside the title, so it is in sight however far the form scrolls in a small window.
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_exportButton, 0, Qt::AlignVCenter);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(m_form);
    layout->addWidget(m_generalProblems);
    layout->addStretch();
}

void ExportForm::setProfile(const QString &profileId, const QString &groupId)
{
    // The same profile again (it was saved, or the sandbox moved to a new port): keep what the user chose.
    const bool same = m_profile && m_profile->id == profileId && !profileId.isEmpty();
    const QString keptLevel = m_level->currentData().toString();
    const QString keptGroup = m_group->currentText();
    const QStringList keptTypes = m_types->checked();
    const std::optional<QDateTime> keptSince = m_since->since();
    m_updating = true;
    m_profile = m_services->profiles()->profile(profileId);
    m_vendor = VendorRegistry::instance().profile(m_profile ? m_profile->vendorId : QStringLiteral("generic"));
    m_title->setText(m_profile ? tr("Export from %1").arg(m_profile->displayName)
                               : tr("Choose or add a server on the left to export from it."));

    const QString previousLevel = m_level->currentData().toString();
    m_level->clear();
    for (const char *level : kLevels) {
        const QString name = QString::fromLatin1(level);
        if (m_vendor.supportsLevel(name)) {
            m_level->addItem(levelTitle(name), name);
        }
    }
    const bool hasGroups = m_profile && !m_profile->groups.isEmpty();
    const QString wanted = !groupId.isEmpty() || hasGroups ? QStringLiteral("group") : previousLevel;
    m_level->setCurrentIndex(std::max(0, m_level->findData(wanted)));

    m_group->clear();
    if (m_profile) {
        for (const ProfileGroup &g : m_profile->groups) {
            m_group->addItem(g.label.isEmpty() ? g.id : tr("%1 (%2)").arg(g.label, g.id), g.id);
        }
    }
    if (!groupId.isEmpty()) {
        m_group->setCurrentIndex(std::max(0, m_group->findData(groupId)));
    }
    m_resourceType->clear();
    for (const QString &t : m_vendor.typeLevelResources) {
        m_resourceType->addItem(t, t);
    }
    m_types->setVendor(m_vendor);
    m_types->setChecked(m_profile ? m_profile->defaultTypes : QStringList());
    m_since->setSince(std::nullopt);
    m_since->setWarning(m_vendor.sinceWarning);
    m_form->setRowVisible(m_since, m_vendor.supportsParameter(QStringLiteral("_since")));
    m_advanced->setVendor(m_vendor);
    m_advanced->setDefaults(
        m_profile && m_profile->parallelDownloads ? *m_profile->parallelDownloads : m_vendor.parallelDownloads,
        m_profile && m_profile->deleteAfterDownload ? *m_profile->deleteAfterDownload : m_vendor.deleteAfterDownload);
    if (m_profile && !m_profile->destination.isEmpty()) {
        m_destination->setText(m_profile->destination);
    }
    if (same) {
        m_level->setCurrentIndex(std::max(0, m_level->findData(keptLevel)));
        if (groupId.isEmpty()) {
            m_group->setCurrentText(keptGroup);
        }
        m_types->setChecked(keptTypes);
        m_since->setSince(keptSince);
    }
    m_updating = false;
    levelChanged();
}

void ExportForm::rememberTypes()
{
    if (!m_profile) {
        return;
    }
    ServerProfile p = *m_profile;
    p.defaultTypes = m_types->checked();
    QString error;
    if (!m_services->profiles()->save(p, &error)) {
        m_generalProblems->setText(error);
        m_generalProblems->setVisible(true);
    }
}

void ExportForm::levelChanged()
{
    const QString level = m_level->currentData().toString();
    m_form->setRowVisible(m_group, level == QLatin1String("group"));
    m_form->setRowVisible(m_resourceType, level == QLatin1String("type"));
    update();
}

QString ExportForm::groupId() const
{
    const QString text = m_group->currentText().trimmed();
    const int i = m_group->findText(text);
    return i >= 0 ? m_group->itemData(i).toString() : text;
}

ExportRequest ExportForm::currentRequest() const
{
    ExportRequest q;
    if (m_profile) {
        q.base = m_profile->fhirBase;
    }
    q.level = ExportRequest::levelFromName(m_level->currentData().toString()).value_or(ExportLevel::Group);
    if (q.level == ExportLevel::Group) {
        q.groupId = groupId();
    }
    if (q.level == ExportLevel::ResourceType) {
        q.resourceType = m_resourceType->currentData().toString();
    }
    q.types = m_types->checked();
    if (m_vendor.supportsParameter(QStringLiteral("_since"))) {
        q.since = m_since->since();
    }
    q.lenient = m_vendor.preferLenient;
    q.typeFilterEscape = m_vendor.typeFilterEscape;
    m_advanced->apply(&q);
    return q;
}

void ExportForm::update()
{
    if (m_updating) {
        return;
    }
    const ExportRequest q = currentRequest();
    m_since->setLastExport(m_profile ? [&]() -> std::optional<QDateTime> {
        const auto last = m_services->history()->last(q);
        return last ? std::optional<QDateTime>(last->transactionTime) : std::nullopt;
    }()
                                     : std::nullopt);
    QStringList problems;
    if (!m_profile) {
        problems << tr("Choose a server first.");
    } else {
        problems = q.validate(m_vendor);
    }
    markProblems(problems, q);
    m_preview->setPlainText(m_profile ? previewText() : QString());
}

void ExportForm::markProblems(const QStringList &all, const ExportRequest &request)
{
    QStringList rest = all;
    auto claim = [&rest](auto matches) {
        QStringList mine;
        for (auto it = rest.begin(); it != rest.end();) {
            if (matches(*it)) {
                mine << *it;
                it = rest.erase(it);
            } else {
                ++it;
            }
        }
        return mine.join(QLatin1Char(' '));
    };
    const bool group = request.level == ExportLevel::Group;
    QString groupProblem = claim([](const QString &p) { return p.contains(QLatin1String("group id")); });
    if (group && request.groupId.isEmpty()) {
        groupProblem = tr("Choose a group, or type its id.");
    }
    m_groupNote->setProblem(group ? groupProblem : QString());
    m_levelNote->setProblem(claim([](const QString &p) { return p.contains(QLatin1String("at this level")); }));
    m_resourceTypeNote->setProblem(
        claim([](const QString &p) { return p.contains(QLatin1String("resource-type level")); }));
    m_typesNote->setProblem(claim([](const QString &p) { return p.contains(QLatin1String("not a resource type")); }));
    QString sinceProblem = claim([](const QString &p) { return p.contains(QLatin1String("_since")); });
    if (request.since && *request.since > QDateTime::currentDateTimeUtc()) {
        sinceProblem = tr("This time is in the future: the export would be empty.");
    }
    m_sinceNote->setProblem(sinceProblem);
    for (const QString &p : m_advanced->claimProblems(rest)) {
        rest.removeAll(p);
    }
    const QString destination = m_destination->text().trimmed();
    QString destinationProblem;
    if (destination.isEmpty()) {
        destinationProblem = tr("Choose the folder the files go to.");
    } else if (QFileInfo fi(destination); fi.exists() && !fi.isDir()) {
        destinationProblem = tr("This is a file, not a folder.");
    }
    m_destinationNote->setProblem(destinationProblem);

    for (FieldNote *note :
         {m_levelNote, m_groupNote, m_resourceTypeNote, m_typesNote, m_sinceNote, m_destinationNote}) {
        m_form->setRowVisible(note, !note->problem().isEmpty());
    }
    m_problems = all;
    for (const QString &p : {groupProblem, sinceProblem, destinationProblem}) {
        if (!p.isEmpty() && !m_problems.contains(p)) {
            m_problems << p;
        }
    }
    m_generalProblems->setText(rest.join(QLatin1Char('\n')));
    m_generalProblems->setVisible(!rest.isEmpty());
    if (m_exportButton->isEnabled() != m_problems.isEmpty()) {
        m_exportButton->setEnabled(m_problems.isEmpty());
        emit validityChanged(m_problems.isEmpty());
    }
}

QString ExportForm::previewText() const
{
    return KickoffPreview::text(currentRequest(), m_vendor, m_profile ? &*m_profile : nullptr);
}

void ExportForm::chooseDestination()
{
    auto *dialog = new QFileDialog(this, tr("Where the exported files go"), m_destination->text());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, m_destination, &QLineEdit::setText);
    dialog->open();
}

ExportJob *ExportForm::startExport()
{
    update();
    if (!m_profile || !m_problems.isEmpty()) {
        return nullptr;
    }
    const ExportRecord r = ExportRecordFactory::make(
        *m_profile, m_vendor, currentRequest(),
        {m_destination->text(), m_advanced->parallelDownloads(), m_advanced->deleteAfterDownload()},
        m_services->clock()->nowUtc(), m_services->exports());
    m_services->settings()->setDestination(m_destination->text().trimmed());
    ExportJob *job = m_services->exports()->start(r);
    emit exportStarted(job);
    return job;
}
