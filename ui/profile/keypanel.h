#pragma once

#include "auth/signingkey.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class SecretStore;

// The SMART signing key of a profile: says whether one is stored, generates a new one (on a worker thread),
// imports a PEM file, and exports the public half as a JWK Set — to a file or the clipboard — for the EHR's app
// registration. A new or imported private key stays in memory until the editor saves it to the secret store
// (pendingPrivateKeyPem()); it is never written to a file.
class KeyPanel : public QWidget
{
    Q_OBJECT

public:
    explicit KeyPanel(SecretStore *secrets, QWidget *parent = nullptr);

    // The profile whose stored key the panel describes; empty for a profile not saved yet.
    void setProfileId(const QString &profileId);
    // The algorithms the vendor accepts (the generate choice follows them).
    void setAllowedAlgorithms(const QStringList &algorithms);

    bool hasPendingKey() const { return !m_pending.isNull(); }
    QString pendingPrivateKeyPem() const;
    QString pendingAlgorithm() const;
    // The key id the JWKS names: `kid` when set, else the thumbprint.
    void setKid(const QString &kid) { m_kid = kid; }

    // Exposed for tests: the public JWKS of the pending or stored key, delivered later (empty + error on failure).
    void withPublicJwks(std::function<void(const QByteArray &jwks, const QString &error)> done);

signals:
    void keyChanged();

private:
    void generate();
    void import();
    void saveJwks();
    void copyJwks();
    void setKey(const SigningKey &key, const QString &origin);
    void showStatus(const QString &text);

    SecretStore *m_secrets;
    QString m_profileId;
    QString m_kid;
    SigningKey m_pending;
    bool m_stored = false;
    QComboBox *m_algorithm;
    QLabel *m_status;
    QPushButton *m_generateButton;
    QPushButton *m_saveJwksButton;
    QPushButton *m_copyJwksButton;
};
