#include "profile/authfields.h"

#include "profile/keypanel.h"
#include "profile/secretvaluedelegate.h"
#include "store/secretstore.h"
#include "vendor/vendorprofile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>

namespace {
enum HeaderColumn { NameColumn, ValueColumn, SecretColumn };

QLineEdit *secretEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setEchoMode(QLineEdit::Password);
    edit->setClearButtonEnabled(true);
    return edit;
}
} // namespace

AuthFields::AuthFields(SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_form(new QFormLayout(this))
    , m_clientId(new QLineEdit(this))
    , m_tokenUrl(new QLineEdit(this))
    , m_scope(new QLineEdit(this))
    , m_kid(new QLineEdit(this))
    , m_jwksUrl(new QLineEdit(this))
    , m_keyPanel(new KeyPanel(secrets, this))
    , m_clientSecret(secretEdit(this, QStringLiteral("clientSecretEdit")))
    , m_secretInBody(new QCheckBox(tr("Send the secret as form fields instead of HTTP Basic"), this))
    , m_token(secretEdit(this, QStringLiteral("tokenEdit")))
    , m_headers(new QTableWidget(0, 3, this))
    , m_headerButtons(new QWidget(this))
    , m_noneNote(new QLabel(tr("Ferry sends no credentials. Use this for open test servers and the sandbox."), this))
    , m_secretsNote(new QLabel(this))
{
    m_method->setObjectName(QStringLiteral("authMethodCombo"));
    m_clientId->setObjectName(QStringLiteral("clientIdEdit"));
    m_tokenUrl->setObjectName(QStringLiteral("tokenUrlEdit"));
    m_scope->setObjectName(QStringLiteral("scopeEdit"));
    m_kid->setObjectName(QStringLiteral("kidEdit"));
    m_jwksUrl->setObjectName(QStringLiteral("jwksUrlEdit"));
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_keyPanel->setObjectName(QStringLiteral("keyPanel"));

    m_method->addItem(tr("SMART Backend Services (signed key)"), int(AuthMethod::SmartBackend));
    m_method->addItem(tr("Client secret"), int(AuthMethod::ClientSecret));
    m_method->addItem(tr("Token someone gave you"), int(AuthMethod::StaticToken));
    m_method->addItem(tr("Vendor headers"), int(AuthMethod::Headers));
    m_method->addItem(tr("None"), int(AuthMethod::None));
    m_tokenUrl->setPlaceholderText(tr("Found from the server's SMART configuration"));
    m_kid->setPlaceholderText(tr("The key's thumbprint"));
    m_jwksUrl->setPlaceholderText(tr("https://… where your public JWKS is hosted (optional)"));
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value"), tr("Secret")});
    m_headers->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_headers->verticalHeader()->hide();
    m_headers->setItemDelegateForColumn(ValueColumn, new SecretValueDelegate(SecretColumn, m_headers));
    m_noneNote->setWordWrap(true);
    m_secretsNote->setWordWrap(true);
    m_secretsNote->setText(secrets->isPersistent()
                               ? tr("Secrets are masked and saved in %1. Leave a secret field empty to keep what "
                                    "is stored.")
                                     .arg(secrets->description())
                               : SecretStore::noKeychainMessage());

    auto *addHeader = new QPushButton(tr("Add &header"), m_headerButtons);
    auto *removeHeader = new QPushButton(tr("Remove h&eader"), m_headerButtons);
    addHeader->setObjectName(QStringLiteral("addHeaderButton"));
    removeHeader->setObjectName(QStringLiteral("removeHeaderButton"));
    auto *headerButtons = new QHBoxLayout(m_headerButtons);
    headerButtons->setContentsMargins(0, 0, 0, 0);
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch();

    m_form->addRow(tr("&Method:"), m_method);
    m_form->addRow(m_noneNote);
    m_form->addRow(tr("C&lient ID:"), m_clientId);
    m_form->addRow(tr("To&ken URL:"), m_tokenUrl);
    m_form->addRow(tr("Sco&pe:"), m_scope);
    m_form->addRow(tr("Signing key:"), m_keyPanel);
    m_form->addRow(tr("Key I&D (kid):"), m_kid);
    m_form->addRow(tr("&JWKS URL:"), m_jwksUrl);
    m_form->addRow(tr("Client &secret:"), m_clientSecret);
    m_form->addRow(QString(), m_secretInBody);
    m_form->addRow(tr("&Token:"), m_token);
    m_form->addRow(tr("Headers:"), m_headers);
    m_form->addRow(QString(), m_headerButtons);
    m_form->addRow(m_secretsNote);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        updateRows();
        emit changed();
    });
    for (QLineEdit *edit : {m_clientId, m_tokenUrl, m_scope, m_kid, m_jwksUrl, m_clientSecret, m_token}) {
        connect(edit, &QLineEdit::textChanged, this, &AuthFields::changed);
    }
    connect(m_kid, &QLineEdit::textChanged, m_keyPanel, &KeyPanel::setKid);
    connect(m_secretInBody, &QCheckBox::toggled, this, &AuthFields::changed);
    connect(m_keyPanel, &KeyPanel::keyChanged, this, &AuthFields::changed);
    connect(m_headers, &QTableWidget::itemChanged, this, &AuthFields::changed);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        addHeaderRow({});
        m_headers->editItem(m_headers->item(m_headers->rowCount() - 1, NameColumn));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0) {
            m_headers->removeRow(m_headers->currentRow());
            emit changed();
        }
    });
    updateRows();
}

AuthMethod AuthFields::method() const
{
    return AuthMethod(m_method->currentData().toInt());
}

void AuthFields::setMethod(AuthMethod method)
{
    m_method->setCurrentIndex(m_method->findData(int(method)));
}

void AuthFields::updateRows()
{
    const AuthMethod m = method();
    const bool oauth = m == AuthMethod::SmartBackend || m == AuthMethod::ClientSecret;
    const bool smart = m == AuthMethod::SmartBackend;
    m_form->setRowVisible(m_noneNote, m == AuthMethod::None);
    for (QWidget *w :
         {static_cast<QWidget *>(m_clientId), static_cast<QWidget *>(m_tokenUrl), static_cast<QWidget *>(m_scope)}) {
        m_form->setRowVisible(w, oauth);
    }
    for (QWidget *w :
         {static_cast<QWidget *>(m_keyPanel), static_cast<QWidget *>(m_kid), static_cast<QWidget *>(m_jwksUrl)}) {
        m_form->setRowVisible(w, smart);
    }
    m_form->setRowVisible(m_clientSecret, m == AuthMethod::ClientSecret);
    m_form->setRowVisible(m_secretInBody, m == AuthMethod::ClientSecret);
    m_form->setRowVisible(m_token, m == AuthMethod::StaticToken);
    m_form->setRowVisible(m_headers, m == AuthMethod::Headers);
    m_form->setRowVisible(m_headerButtons, m == AuthMethod::Headers);
    m_form->setRowVisible(m_secretsNote, m != AuthMethod::None);
}

void AuthFields::addHeaderRow(const ProfileHeader &header)
{
    const QSignalBlocker blocker(m_headers); // no half-filled row reaches changed() observers
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, NameColumn, new QTableWidgetItem(header.name));
    m_headers->setItem(row, ValueColumn, new QTableWidgetItem(header.secret ? QString() : header.value));
    auto *secret = new QTableWidgetItem;
    secret->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    secret->setCheckState(header.secret ? Qt::Checked : Qt::Unchecked);
    m_headers->setItem(row, SecretColumn, secret);
    if (header.secret) {
        m_headers->item(row, ValueColumn)->setToolTip(tr("Stored as a secret; type a new value to replace it."));
    }
}

QString AuthFields::cellText(int row, int column) const
{
    const QTableWidgetItem *item = m_headers->item(row, column);
    return item ? item->text() : QString();
}

bool AuthFields::isSecretRow(int row) const
{
    const QTableWidgetItem *item = m_headers->item(row, SecretColumn);
    return item && item->checkState() == Qt::Checked;
}

void AuthFields::load(const ServerProfile &profile, bool saved)
{
    setMethod(profile.authMethod);
    m_clientId->setText(profile.clientId);
    m_tokenUrl->setText(profile.tokenUrl.toString());
    m_scope->setText(profile.scope);
    m_kid->setText(profile.kid);
    m_jwksUrl->setText(profile.jwksUrl.toString());
    m_secretInBody->setChecked(profile.secretInBody);
    m_algorithm = profile.algorithm;
    m_headers->setRowCount(0);
    for (const ProfileHeader &h : profile.headers) {
        addHeaderRow(h);
    }
    const QString stored = saved ? tr("Stored — type to replace") : QString();
    m_clientSecret->setPlaceholderText(stored);
    m_token->setPlaceholderText(stored);
    m_keyPanel->setProfileId(saved ? profile.id : QString());
    updateRows();
}

void AuthFields::apply(ServerProfile *profile) const
{
    profile->authMethod = method();
    profile->clientId = m_clientId->text().trimmed();
    profile->tokenUrl = QUrl(m_tokenUrl->text().trimmed());
    profile->scope = m_scope->text().trimmed();
    profile->kid = m_kid->text().trimmed();
    profile->jwksUrl = QUrl(m_jwksUrl->text().trimmed());
    profile->secretInBody = m_secretInBody->isChecked();
    profile->algorithm = m_keyPanel->hasPendingKey() ? m_keyPanel->pendingAlgorithm() : m_algorithm;
    profile->headers.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        ProfileHeader h;
        h.name = cellText(row, NameColumn).trimmed();
        h.secret = isSecretRow(row);
        h.value = h.secret ? QString() : cellText(row, ValueColumn).trimmed();
        if (!h.name.isEmpty()) {
            profile->headers.append(h);
        }
    }
}

void AuthFields::setVendor(const VendorProfile &vendor)
{
    m_scope->setPlaceholderText(tr("Default: %1").arg(vendor.defaultScope));
    m_keyPanel->setAllowedAlgorithms(vendor.signingAlgorithms);
}

QHash<QString, QString> AuthFields::pendingSecrets() const
{
    QHash<QString, QString> secrets;
    switch (method()) {
    case AuthMethod::SmartBackend:
        if (m_keyPanel->hasPendingKey()) {
            secrets.insert(QString::fromLatin1(SecretStore::kPrivateKey), m_keyPanel->pendingPrivateKeyPem());
        }
        break;
    case AuthMethod::ClientSecret:
        if (!m_clientSecret->text().isEmpty()) {
            secrets.insert(QString::fromLatin1(SecretStore::kClientSecret), m_clientSecret->text());
        }
        break;
    case AuthMethod::StaticToken:
        if (!m_token->text().trimmed().isEmpty()) {
            secrets.insert(QString::fromLatin1(SecretStore::kToken), m_token->text().trimmed());
        }
        break;
    case AuthMethod::Headers:
        for (int row = 0; row < m_headers->rowCount(); ++row) {
            const QString name = cellText(row, NameColumn).trimmed();
            const QString value = cellText(row, ValueColumn);
            if (!name.isEmpty() && !value.isEmpty() && isSecretRow(row)) {
                secrets.insert(SecretStore::headerSecretName(name), value);
            }
        }
        break;
    case AuthMethod::None:
        break;
    }
    return secrets;
}
