#include "servers/serverspane.h"

#include "app/appservices.h"
#include "profile/connectioncheckpanel.h"
#include "profile/profileeditor.h"
#include "servers/serversmodel.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"
#include "util/durationtext.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace {
QToolButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}
} // namespace

ServersPane::ServersPane(AppServices *services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_model(new ServersModel(services->profiles(), this))
    , m_view(new QTreeView(this))
    , m_status(new QLabel(this))
    , m_newAction(new QAction(tr("&New server…"), this))
    , m_editAction(new QAction(tr("&Edit server…"), this))
    , m_duplicateAction(new QAction(tr("D&uplicate server"), this))
    , m_deleteAction(new QAction(tr("&Delete server…"), this))
    , m_checkAction(new QAction(tr("&Check connection…"), this))
{
    m_view->setObjectName(QStringLiteral("serversView"));
    m_status->setObjectName(QStringLiteral("serverStatusLabel"));
    m_view->setModel(m_model);
    m_view->setHeaderHidden(true);
    m_view->setUniformRowHeights(true);
    m_view->setAccessibleName(tr("Servers and groups"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_newAction->setShortcut(QKeySequence::New);
    m_editAction->setShortcut(QKeySequence(Qt::Key_F2));
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_checkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_checkAction->setObjectName(QStringLiteral("checkConnectionAction"));
    // Delete only while the list has focus: elsewhere the key edits text.
    m_deleteAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(m_deleteAction);
    // Short button texts keep the pane narrow; menus show the full texts.
    m_newAction->setIconText(tr("New"));
    m_editAction->setIconText(tr("Edit"));
    m_duplicateAction->setIconText(tr("Duplicate"));
    m_deleteAction->setIconText(tr("Delete"));
    for (QAction *a : {m_newAction, m_editAction, m_duplicateAction, m_deleteAction, m_checkAction}) {
        a->setToolTip(a->text().remove(QLatin1Char('&')) + QStringLiteral(" (") +
                      a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char(')'));
    }

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(buttonFor(m_newAction, this));
    buttons->addWidget(buttonFor(m_editAction, this));
    buttons->addWidget(buttonFor(m_duplicateAction, this));
    buttons->addWidget(buttonFor(m_deleteAction, this));
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);

    connect(m_newAction, &QAction::triggered, this, &ServersPane::newProfile);
    connect(m_editAction, &QAction::triggered, this, &ServersPane::editProfile);
    connect(m_duplicateAction, &QAction::triggered, this, &ServersPane::duplicateProfile);
    connect(m_deleteAction, &QAction::triggered, this, &ServersPane::deleteProfile);
    connect(m_checkAction, &QAction::triggered, this, &ServersPane::checkProfile);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (index.data(ServersModel::KindRole).toInt() == int(ServersModel::Kind::Profile)) {
            editProfile();
        }
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ServersPane::selectionChanged);
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_pendingSelection.isEmpty()) {
            m_pendingSelection = currentProfileId();
        }
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->expandAll();
        const QString id = m_pendingSelection;
        m_pendingSelection.clear();
        selectProfile(id);
        selectionChanged();
    });
    m_view->expandAll();
    selectProfile(services->settings()->lastProfileId());
    selectionChanged();
}

QString ServersPane::currentProfileId() const
{
    return m_view->currentIndex().data(ServersModel::ProfileIdRole).toString();
}

QString ServersPane::currentGroupId() const
{
    return m_view->currentIndex().data(ServersModel::GroupIdRole).toString();
}

void ServersPane::selectProfile(const QString &profileId, const QString &groupId)
{
    QModelIndex index = groupId.isEmpty() ? m_model->profileIndex(profileId) : m_model->groupIndex(profileId, groupId);
    if (!index.isValid() && m_model->rowCount() > 0) {
        index = m_model->index(0, 0);
    }
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
    }
}

void ServersPane::selectionChanged()
{
    const bool has = !currentProfileId().isEmpty();
    m_editAction->setEnabled(has);
    m_duplicateAction->setEnabled(has);
    m_deleteAction->setEnabled(has);
    m_checkAction->setEnabled(has);
    if (has) {
        m_services->settings()->setLastProfileId(currentProfileId());
    }
    refreshStatus();
    emit currentChanged(currentProfileId(), currentGroupId());
}

void ServersPane::refreshStatus()
{
    const ServerProfile *p = m_model->profileAt(m_view->currentIndex());
    if (!p) {
        m_status->setText(m_model->rowCount() == 0 ? tr("No servers yet. Add one with New server.") : QString());
        return;
    }
    const UiSettings::CheckStatus s = m_services->settings()->checkStatus(p->id);
    const QLocale locale;
    QStringList lines;
    lines << p->fhirBase.toDisplayString();
    if (s.checkedAt.isValid()) {
        lines << tr("Last checked %1: %2")
                     .arg(locale.toString(s.checkedAt.toLocalTime(), QLocale::ShortFormat), s.summary);
    } else {
        lines << tr("Connection not checked yet (Edit server → Check).");
    }
    if (s.tokenExpires.isValid()) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        lines << (s.tokenExpires > now ? tr("Token valid until %1.")
                                             .arg(locale.toString(s.tokenExpires.toLocalTime(), QLocale::ShortFormat))
                                       : tr("The last token has expired; Ferry gets a new one when it needs it."));
    }
    m_status->setText(lines.join(QLatin1Char('\n')));
}

ProfileEditor *ServersPane::openNewProfile(const ServerProfile &profile)
{
    auto *editor = new ProfileEditor(m_services, profile, true, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ProfileEditor::saved, this, [this](const QString &id) {
        m_pendingSelection = id;
        selectProfile(id);
    });
    editor->open();
    return editor;
}

void ServersPane::newProfile()
{
    openNewProfile(ServerProfile{});
}

void ServersPane::editProfile()
{
    const auto profile = m_services->profiles()->profile(currentProfileId());
    if (!profile) {
        return;
    }
    auto *editor = new ProfileEditor(m_services, *profile, false, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &ProfileEditor::saved, this, &ServersPane::refreshStatus);
    editor->open();
}

void ServersPane::duplicateProfile()
{
    auto profile = m_services->profiles()->profile(currentProfileId());
    if (!profile) {
        return;
    }
    profile->id.clear();
    profile->displayName = tr("%1 (copy)").arg(profile->displayName);
    openNewProfile(*profile);
}

void ServersPane::checkProfile()
{
    const auto profile = m_services->profiles()->profile(currentProfileId());
    if (!profile) {
        return;
    }
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("checkConnectionDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Check connection to %1").arg(profile->displayName));
    auto *panel = new ConnectionCheckPanel(m_services, dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(panel, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    const QString id = profile->id;
    connect(panel, &ConnectionCheckPanel::finished, this, [this, id](const QString &summary, const QDateTime &expires) {
        m_services->settings()->setCheckStatus(id, {QDateTime::currentDateTimeUtc(), summary, expires});
        refreshStatus();
    });
    const auto request = m_requestProvider ? m_requestProvider() : std::nullopt;
    connect(panel, &ConnectionCheckPanel::checkRequested, panel,
            [panel, p = *profile, request] { panel->start(p, {}, request); });
    const int em = fontMetrics().height();
    dialog->resize(50 * em, 35 * em);
    dialog->open();
    panel->start(*profile, {}, request);
}

void ServersPane::deleteProfile()
{
    const auto profile = m_services->profiles()->profile(currentProfileId());
    if (!profile) {
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete server"),
                                tr("Delete the server %1 and the secrets stored for it? Exported files stay where "
                                   "they are.")
                                    .arg(profile->displayName),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteServerBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(QMessageBox::Cancel);
    const QString id = profile->id;
    connect(box, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes) {
            return;
        }
        m_services->profiles()->remove(id, this, [this, id](const QString &error) {
            if (!error.isEmpty()) {
                m_status->setText(error);
                return;
            }
            m_services->settings()->forgetProfile(id);
        });
    });
    box->open();
}
