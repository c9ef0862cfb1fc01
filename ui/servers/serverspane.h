#pragma once

#include "fhir/exportrequest.h"

#include <QWidget>

#include <functional>
#include <optional>

class AppServices;
class ProfileEditor;
class QAction;
class QLabel;
class QModelIndex;
class QTreeView;
class ServersModel;
struct ServerProfile;

// The servers pane: the profiles with their groups, the selected profile's status (last connection check, token
// expiry), and the actions New / Edit / Duplicate / Delete (also offered in the main window's Server menu, with
// their shortcuts). Editing happens in a ProfileEditor opened window-modal; deleting asks first and removes the
// profile's secrets too.
class ServersPane : public QWidget
{
    Q_OBJECT

public:
    explicit ServersPane(AppServices *services, QWidget *parent = nullptr);

    QAction *newAction() const { return m_newAction; }
    QAction *editAction() const { return m_editAction; }
    QAction *duplicateAction() const { return m_duplicateAction; }
    QAction *deleteAction() const { return m_deleteAction; }
    QAction *checkAction() const { return m_checkAction; }

    // What "Check connection" compares with (the export form's level, group and types); unset: the profile's.
    void setRequestProvider(std::function<std::optional<ExportRequest>()> provider)
    {
        m_requestProvider = std::move(provider);
    }
    QTreeView *view() const { return m_view; }
    ServersModel *model() const { return m_model; }

    QString currentProfileId() const;
    QString currentGroupId() const; // empty when a profile row (not a group) is selected
    void selectProfile(const QString &profileId, const QString &groupId = {});

    // Opens the editor for a profile that is not stored yet (the sandbox offer, duplicates). Returns it, open.
    ProfileEditor *openNewProfile(const ServerProfile &profile);

public slots:
    void refreshStatus();

signals:
    void currentChanged(const QString &profileId, const QString &groupId);

private:
    void newProfile();
    void editProfile();
    void duplicateProfile();
    void deleteProfile();
    void checkProfile();
    void selectionChanged();

    AppServices *m_services;
    ServersModel *m_model;
    QTreeView *m_view;
    QLabel *m_status;
    QAction *m_newAction;
    QAction *m_editAction;
    QAction *m_duplicateAction;
    QAction *m_deleteAction;
    QAction *m_checkAction;
    std::function<std::optional<ExportRequest>()> m_requestProvider;
    QString m_pendingSelection; // re-selected after the model resets
};
