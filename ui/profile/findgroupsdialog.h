#pragma once

#include "preflight/groupsearch.h"
#include "store/serverprofile.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QListWidget;

// Shows the groups a Group search found, each with a check box ("name (id), N patients"); the ticked ones are
// added to the profile. Groups the profile already lists are shown ticked and disabled.
class FindGroupsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FindGroupsDialog(QWidget *parent = nullptr);

    void setSearching();
    void setResult(const GroupSearchResult &result, const QStringList &listedIds);
    QList<ProfileGroup> chosenGroups() const;
    QListWidget *list() const { return m_list; }

private:
    QLabel *m_status;
    QListWidget *m_list;
    QDialogButtonBox *m_buttons;
};
