#include "profile/findgroupsdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kNameRole = Qt::UserRole + 2;
} // namespace

FindGroupsDialog::FindGroupsDialog(QWidget *parent)
    : QDialog(parent)
    , m_status(new QLabel(this))
    , m_list(new QListWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("findGroupsDialog"));
    setWindowTitle(tr("Find groups"));
    m_list->setObjectName(QStringLiteral("foundGroupsList"));
    m_status->setObjectName(QStringLiteral("findGroupsStatus"));
    m_status->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add ticked groups"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setSearching();
}

void FindGroupsDialog::setSearching()
{
    m_status->setText(tr("Asking the server for its groups…"));
    m_list->clear();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
}

void FindGroupsDialog::setResult(const GroupSearchResult &result, const QStringList &listedIds)
{
    m_list->clear();
    if (!result.ok()) {
        m_status->setText(result.error);
        return;
    }
    if (result.groups.isEmpty()) {
        m_status->setText(tr("The server lists no groups."));
        return;
    }
    m_status->setText(result.truncated ? tr("The server has more groups than shown; add the others by id.")
                                       : tr("Tick the groups to add."));
    for (const FoundGroup &g : result.groups) {
        QString text = g.name.isEmpty() ? g.id : tr("%1 (%2)").arg(g.name, g.id);
        if (g.quantity) {
            text += tr(", %n patient(s)", nullptr, int(*g.quantity));
        }
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(kIdRole, g.id);
        item->setData(kNameRole, g.name);
        const bool listed = listedIds.contains(g.id);
        item->setFlags(listed ? Qt::ItemIsUserCheckable : Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(listed ? Qt::Checked : Qt::Unchecked);
        if (listed) {
            item->setToolTip(tr("Already in the profile."));
        }
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

QList<ProfileGroup> FindGroupsDialog::chosenGroups() const
{
    QList<ProfileGroup> groups;
    for (int i = 0; i < m_list->count(); ++i) {
        const QListWidgetItem *item = m_list->item(i);
        if (item->checkState() == Qt::Checked && (item->flags() & Qt::ItemIsEnabled)) {
            groups.append({item->data(kIdRole).toString(), item->data(kNameRole).toString()});
        }
    }
    return groups;
}
