#pragma once

#include "store/serverprofile.h"

#include <QHash>
#include <QWidget>

class KeyPanel;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QTableWidget;
class SecretStore;
struct VendorProfile;

// The authentication part of the profile editor: the method, and only the fields that method uses. Secret fields
// are masked and start empty ("leave empty to keep the stored value"); what the user types is returned by
// pendingSecrets() and written to the SecretStore by the editor when it saves — never into the profile.
class AuthFields : public QWidget
{
    Q_OBJECT

public:
    explicit AuthFields(SecretStore *secrets, QWidget *parent = nullptr);

    void load(const ServerProfile &profile, bool saved);
    void apply(ServerProfile *profile) const;
    void setVendor(const VendorProfile &vendor);
    AuthMethod method() const;
    void setMethod(AuthMethod method);

    // Secret name ("private-key", "client-secret", "token", "header/<name>") → value the user entered.
    QHash<QString, QString> pendingSecrets() const;

signals:
    void changed();

private:
    void updateRows();
    void addHeaderRow(const ProfileHeader &header);
    QString cellText(int row, int column) const;
    bool isSecretRow(int row) const;

    QComboBox *m_method;
    QFormLayout *m_form;
    QLineEdit *m_clientId;
    QLineEdit *m_tokenUrl;
    QLineEdit *m_scope;
    QLineEdit *m_kid;
    QLineEdit *m_jwksUrl;
    KeyPanel *m_keyPanel;
    QLineEdit *m_clientSecret;
    QCheckBox *m_secretInBody;
    QLineEdit *m_token;
    QTableWidget *m_headers;
    QWidget *m_headerButtons;
    QLabel *m_noneNote;
    QLabel *m_secretsNote;
    QString m_algorithm; // kept from the loaded profile unless a new key replaces it
};
