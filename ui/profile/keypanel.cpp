#include "profile/keypanel.h"

#include "store/secretstore.h"

#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QSaveFile>

KeyPanel::KeyPanel(SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_secrets(secrets)
    , m_algorithm(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_generateButton(new QPushButton(tr("&Generate key"), this))
    , m_saveJwksButton(new QPushButton(tr("Save public &JWKS…"), this))
    , m_copyJwksButton(new QPushButton(tr("C&opy JWKS"), this))
{
    m_algorithm->setObjectName(QStringLiteral("keyAlgorithmCombo"));
    m_status->setObjectName(QStringLiteral("keyStatusLabel"));
    m_generateButton->setObjectName(QStringLiteral("generateKeyButton"));
    m_saveJwksButton->setObjectName(QStringLiteral("saveJwksButton"));
    m_copyJwksButton->setObjectName(QStringLiteral("copyJwksButton"));
    m_status->setWordWrap(true);
    m_algorithm->setToolTip(tr("ES384 keys are small and fast; choose RS384 when the server accepts only RSA."));
    auto *importButton = new QPushButton(tr("&Import key…"), this);
    importButton->setObjectName(QStringLiteral("importKeyButton"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status, 0, 0, 1, 4);
    layout->addWidget(m_algorithm, 1, 0);
    layout->addWidget(m_generateButton, 1, 1);
    layout->addWidget(importButton, 1, 2);
    layout->addWidget(m_saveJwksButton, 2, 1);
    layout->addWidget(m_copyJwksButton, 2, 2);
    layout->setColumnStretch(3, 1);

    setAllowedAlgorithms({QStringLiteral("ES384"), QStringLiteral("RS384")});
    connect(m_generateButton, &QPushButton::clicked, this, &KeyPanel::generate);
    connect(importButton, &QPushButton::clicked, this, &KeyPanel::import);
    connect(m_saveJwksButton, &QPushButton::clicked, this, &KeyPanel::saveJwks);
    connect(m_copyJwksButton, &QPushButton::clicked, this, &KeyPanel::copyJwks);
    setProfileId({});
}

void KeyPanel::setProfileId(const QString &profileId)
{
    m_profileId = profileId;
    m_stored = false;
    showStatus(tr("No signing key yet: generate one, or import the PEM file you registered."));
    if (profileId.isEmpty()) {
        return;
    }
    m_secrets->read(
        SecretStore::key(profileId, QString::fromLatin1(SecretStore::kPrivateKey)), this,
        [this](const SecretResult &result) {
            if (!m_pending.isNull()) {
                return;
            }
            if (result.ok()) {
                const SigningKey key = SigningKey::fromPem(result.value.toUtf8());
                m_stored = !key.isNull();
                showStatus(m_stored ? tr("A %1 key is stored in %2.").arg(key.algorithmName(), m_secrets->description())
                                    : tr("The stored key cannot be read; generate or import a new one."));
            } else if (result.status != SecretResult::Status::NotFound) {
                showStatus(result.message);
            }
        });
}

void KeyPanel::setAllowedAlgorithms(const QStringList &algorithms)
{
    const QString current = m_algorithm->currentText();
    m_algorithm->clear();
    // ES384 first: the smaller, faster key, and what Ferry recommends when the vendor takes both.
    for (const QString &name : {QStringLiteral("ES384"), QStringLiteral("RS384")}) {
        if (algorithms.isEmpty() || algorithms.contains(name, Qt::CaseInsensitive)) {
            m_algorithm->addItem(name);
        }
    }
    if (const int i = m_algorithm->findText(current); i >= 0) {
        m_algorithm->setCurrentIndex(i);
    }
}

QString KeyPanel::pendingPrivateKeyPem() const
{
    return m_pending.isNull() ? QString() : QString::fromLatin1(m_pending.privateKeyPem());
}

QString KeyPanel::pendingAlgorithm() const
{
    return m_pending.isNull() ? QString() : m_pending.algorithmName();
}

void KeyPanel::generate()
{
    const auto algorithm = SigningKey::algorithmFromName(m_algorithm->currentText());
    if (!algorithm) {
        return;
    }
    m_generateButton->setEnabled(false);
    showStatus(tr("Generating a %1 key…").arg(m_algorithm->currentText()));
    SigningKey::generateAsync(*algorithm, this, [this](const SigningKey &key, const QString &error) {
        m_generateButton->setEnabled(true);
        if (key.isNull()) {
            showStatus(tr("No key was generated: %1").arg(error));
            return;
        }
        setKey(key, tr("generated"));
    });
}

void KeyPanel::import()
{
    auto *dialog =
        new QFileDialog(this, tr("Import a private key"), QString(), tr("PEM files (*.pem *.key);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            showStatus(tr("Cannot read %1: %2").arg(path, file.errorString()));
            return;
        }
        QString error;
        const SigningKey key = SigningKey::fromPem(file.readAll(), &error);
        if (key.isNull()) {
            showStatus(error);
            return;
        }
        setKey(key, tr("imported"));
    });
    dialog->open();
}

void KeyPanel::setKey(const SigningKey &key, const QString &origin)
{
    m_pending = key;
    const int i = m_algorithm->findText(key.algorithmName());
    if (i >= 0) {
        m_algorithm->setCurrentIndex(i);
    }
    showStatus(tr("New %1 key %2 (thumbprint %3). It goes to the keychain when you save the profile; register its "
                  "public JWKS with the server.")
                   .arg(key.algorithmName(), origin, key.thumbprint()));
    emit keyChanged();
}

void KeyPanel::withPublicJwks(std::function<void(const QByteArray &, const QString &)> done)
{
    if (!m_pending.isNull()) {
        done(m_pending.publicJwks(m_kid), QString());
        return;
    }
    if (m_profileId.isEmpty()) {
        done({}, tr("There is no key yet: generate or import one first."));
        return;
    }
    const QString kid = m_kid;
    m_secrets->read(SecretStore::key(m_profileId, QString::fromLatin1(SecretStore::kPrivateKey)), this,
                    [this, kid, done](const SecretResult &result) {
                        if (!result.ok()) {
                            done({}, result.status == SecretResult::Status::NotFound
                                         ? tr("There is no key yet: generate or import one first.")
                                         : result.message);
                            return;
                        }
                        QString error;
                        const SigningKey key = SigningKey::fromPem(result.value.toUtf8(), &error);
                        done(key.isNull() ? QByteArray() : key.publicJwks(kid), error);
                    });
}

void KeyPanel::saveJwks()
{
    withPublicJwks([this](const QByteArray &jwks, const QString &error) {
        if (jwks.isEmpty()) {
            showStatus(error);
            return;
        }
        auto *dialog =
            new QFileDialog(this, tr("Save the public JWKS"), QStringLiteral("jwks.json"), tr("JSON files (*.json)"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        connect(dialog, &QFileDialog::fileSelected, this, [this, jwks](const QString &path) {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(jwks) != jwks.size() || !file.commit()) {
                showStatus(tr("Cannot write %1: %2").arg(path, file.errorString()));
                return;
            }
            showStatus(tr("The public JWKS was saved to %1 (it holds no secret).").arg(path));
        });
        dialog->open();
    });
}

void KeyPanel::copyJwks()
{
    withPublicJwks([this](const QByteArray &jwks, const QString &error) {
        if (jwks.isEmpty()) {
            showStatus(error);
            return;
        }
        QGuiApplication::clipboard()->setText(QString::fromUtf8(jwks));
        showStatus(tr("The public JWKS is on the clipboard (it holds no secret)."));
    });
}

void KeyPanel::showStatus(const QString &text)
{
    m_status->setText(text);
}
