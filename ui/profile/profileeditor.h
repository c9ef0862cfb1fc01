#pragma once

#include "store/serverprofile.h"

#include <QDateTime>
#include <QDialog>
#include <QHash>

class AppServices;
class AuthFields;
class ConnectionCheckPanel;
class FieldNote;
class GroupsEditor;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTabWidget;

// Creates or edits one server profile: name, FHIR base URL (checked as you type), vendor preset, authentication
// (AuthFields), groups (GroupsEditor) and Check connection (ConnectionCheckPanel). Save writes the typed secrets
// to the SecretStore first, then the profile to the ProfileStore, and closes; anything that fails is said in the
// dialog and it stays open. Open it with open() (window-modal, no nested event loop); saved() tells the new id.
class ProfileEditor : public QDialog
{
    Q_OBJECT

public:
    // `isNew`: a profile that is not in the store yet (add, duplicate, the sandbox offer).
    ProfileEditor(AppServices *services, const ServerProfile &profile, bool isNew, QWidget *parent = nullptr);
    ~ProfileEditor() override;

    // The profile as edited (id assigned for new profiles only when saving).
    ServerProfile currentProfile() const;
    QStringList problems() const;
    void save();

    // For tests and the servers pane.
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *baseUrlEdit() const { return m_baseUrl; }
    FieldNote *baseUrlNote() const { return m_baseUrlNote; }
    QComboBox *vendorCombo() const { return m_vendor; }
    AuthFields *authFields() const { return m_auth; }
    GroupsEditor *groupsEditor() const { return m_groups; }
    ConnectionCheckPanel *checkPanel() const { return m_check; }
    QTabWidget *tabs() const { return m_tabs; }

signals:
    void saved(const QString &profileId);

private:
    QWidget *buildServerTab();
    void vendorChanged();
    void findGroups();
    void validate();
    void writeSecrets(const ServerProfile &profile, QList<QPair<QString, QString>> secrets);
    void finishSave(const ServerProfile &profile);
    void failSave(const QString &message);

    AppServices *m_services;
    ServerProfile m_original;
    bool m_isNew;
    bool m_saving = false;
    QStringList m_presetTypes; // the chosen preset's supported types (what a new profile starts with)
    QString m_checkSummary;
    QDateTime m_checkedAt;
    QDateTime m_tokenExpires;

    QTabWidget *m_tabs;
    QLineEdit *m_name;
    QLineEdit *m_baseUrl;
    FieldNote *m_nameNote;
    FieldNote *m_baseUrlNote;
    QComboBox *m_vendor;
    QLabel *m_vendorHelp;
    AuthFields *m_auth;
    GroupsEditor *m_groups;
    ConnectionCheckPanel *m_check;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
};
