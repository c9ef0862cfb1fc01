#pragma once

#include "store/serverprofile.h"

#include <QWidget>

class GroupsModel;
class QLabel;
class QPushButton;
class QTableView;

// The groups part of the profile editor: a table of id + label with Add, Remove, "Paste ids…" (a list from an
// e-mail or a spreadsheet) and "Find groups…" (a Group search on the server, run by the editor, which knows the
// connection settings: findGroupsRequested()).
class GroupsEditor : public QWidget
{
    Q_OBJECT

public:
    explicit GroupsEditor(QWidget *parent = nullptr);

    void setGroups(const QList<ProfileGroup> &groups);
    QList<ProfileGroup> groups() const;
    GroupsModel *model() const { return m_model; }
    void setFindEnabled(bool enabled);
    // Adds found or pasted groups and says how many were new.
    void addGroups(const QList<ProfileGroup> &groups);

signals:
    void changed();
    void findGroupsRequested();

private:
    void addRow();
    void removeSelected();
    void pasteIds();
    void report(int added, int offered);

    GroupsModel *m_model;
    QTableView *m_view;
    QPushButton *m_removeButton;
    QPushButton *m_findButton;
    QLabel *m_note;
};
