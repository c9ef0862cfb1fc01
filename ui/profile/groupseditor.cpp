#include "profile/groupseditor.h"

#include "profile/groupsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

GroupsEditor::GroupsEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new GroupsModel(this))
    , m_view(new QTableView(this))
    , m_removeButton(new QPushButton(tr("&Remove"), this))
    , m_findButton(new QPushButton(tr("&Find groups…"), this))
    , m_note(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("groupsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_removeButton->setObjectName(QStringLiteral("removeGroupButton"));
    m_findButton->setObjectName(QStringLiteral("findGroupsButton"));
    m_note->setWordWrap(true);

    auto *addButton = new QPushButton(tr("A&dd"), this);
    addButton->setObjectName(QStringLiteral("addGroupButton"));
    auto *pasteButton = new QPushButton(tr("&Paste ids…"), this);
    pasteButton->setObjectName(QStringLiteral("pasteIdsButton"));

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(m_removeButton);
    buttons->addWidget(pasteButton);
    buttons->addWidget(m_findButton);
    buttons->addStretch();
    auto *row = new QHBoxLayout;
    row->addWidget(m_view, 1);
    row->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_note);

    connect(addButton, &QPushButton::clicked, this, &GroupsEditor::addRow);
    connect(m_removeButton, &QPushButton::clicked, this, &GroupsEditor::removeSelected);
    connect(pasteButton, &QPushButton::clicked, this, &GroupsEditor::pasteIds);
    connect(m_findButton, &QPushButton::clicked, this, &GroupsEditor::findGroupsRequested);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_model, signal, this, &GroupsEditor::changed);
    }
    connect(m_model, &QAbstractItemModel::dataChanged, this, &GroupsEditor::changed);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GroupsEditor::changed);
    auto updateButtons = [this] { m_removeButton->setEnabled(m_view->selectionModel()->hasSelection()); };
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateButtons);
    updateButtons();
}

void GroupsEditor::setGroups(const QList<ProfileGroup> &groups)
{
    m_model->setGroups(groups);
}

QList<ProfileGroup> GroupsEditor::groups() const
{
    return m_model->groups();
}

void GroupsEditor::setFindEnabled(bool enabled)
{
    m_findButton->setEnabled(enabled);
}

void GroupsEditor::addGroups(const QList<ProfileGroup> &groups)
{
    report(m_model->addGroups(groups), int(groups.size()));
}

void GroupsEditor::addRow()
{
    // A placeholder id the user overwrites at once: the id cell opens for editing.
    QString id = tr("new-group");
    for (int n = 2; m_model->contains(id); ++n) {
        id = tr("new-group-%1").arg(n);
    }
    m_model->addGroups({{id, QString()}});
    const QModelIndex index = m_model->index(m_model->rowCount() - 1, GroupsModel::IdColumn);
    m_view->setCurrentIndex(index);
    m_view->edit(index);
}

void GroupsEditor::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : rows) {
        m_model->removeRows(row, 1);
    }
}

void GroupsEditor::pasteIds()
{
    // Not exec(): the dialog is opened window-modal and answers through a signal (no nested event loop).
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("pasteIdsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Paste group ids"));
    dialog->setLabelText(tr("Group ids, separated by new lines, commas or spaces:"));
    dialog->setOption(QInputDialog::UsePlainTextEditForTextInput);
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this](const QString &text) { report(m_model->addIds(text), int(GroupsModel::splitIds(text).size())); });
    dialog->open();
}

void GroupsEditor::report(int added, int offered)
{
    if (offered == added) {
        m_note->setText(tr("Added %n group(s).", nullptr, added));
    } else {
        m_note->setText(tr("Added %1 of %2 groups; the others were already listed.").arg(added).arg(offered));
    }
}
