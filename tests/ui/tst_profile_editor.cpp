// ProfileEditor driven through its real widgets: a new profile with groups and a secret, the validation shown at
// the field, only the chosen method's fields, key generation, and Check connection against ferry-sandbox.

#include "sandboxprocess.h"
#include "uitestenv.h"

#include "app/appservices.h"
#include "profile/authfields.h"
#include "profile/connectioncheckpanel.h"
#include "profile/findgroupsdialog.h"
#include "profile/groupseditor.h"
#include "profile/groupsmodel.h"
#include "profile/keypanel.h"
#include "profile/profileeditor.h"
#include "profile/secretvaluedelegate.h"
#include "settings/uisettings.h"
#include "store/memorysecretstore.h"
#include "store/profilestore.h"
#include "vendor/vendorregistry.h"
#include "widgets/fieldnote.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

class TestProfileEditor : public QObject
{
    Q_OBJECT

private slots:
    void newProfileIsSavedWithGroupsAndSecretsApart();
    void invalidBaseUrlIsMarkedAtTheField();
    void authMethodShowsOnlyItsFields();
    void secretHeaderIsMaskedAndStoredApart();
    void presetFillsMethodAndTypes();
    void generatedKeyGoesToTheSecretStore();
    void checkConnectionAgainstTheSandbox();
    void findGroupsOnTheSandbox();

private:
    static QPushButton *saveButton(ProfileEditor *editor);
    static QString readSecret(UiTestEnv &env, const QString &key);
};

QPushButton *TestProfileEditor::saveButton(ProfileEditor *editor)
{
    return editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
}

QString TestProfileEditor::readSecret(UiTestEnv &env, const QString &key)
{
    QString value;
    bool done = false;
    QObject context;
    env.secrets()->read(key, &context, [&](const SecretResult &r) {
        value = r.ok() ? r.value : QString();
        done = true;
    });
    [&] { QTRY_VERIFY(done); }();
    return value;
}

void TestProfileEditor::newProfileIsSavedWithGroupsAndSecretsApart()
{
    UiTestEnv env;
    ProfileEditor editor(env.services(), ServerProfile{}, true);
    editor.show();
    QTest::keyClicks(editor.nameEdit(), QStringLiteral("Acme Health"));
    QTest::keyClicks(editor.baseUrlEdit(), QStringLiteral("https://fhir.acme.example/r4"));
    editor.authFields()->setMethod(AuthMethod::StaticToken);
    auto *token = editor.findChild<QLineEdit *>(QStringLiteral("tokenEdit"));
    QVERIFY(token);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    QTest::keyClicks(token, QStringLiteral("tok-secret-123"));
    editor.groupsEditor()->model()->addIds(QStringLiteral("g-1\ng-2, g-3"));

    // No keychain in this test (a session-only store): the editor says so in plain words.
    auto *notice = editor.findChild<QLabel *>(QStringLiteral("keychainNotice"));
    QVERIFY(notice);
    QVERIFY2(notice->text().contains(QStringLiteral("session only")), qPrintable(notice->text()));

    QVERIFY2(saveButton(&editor)->isEnabled(), qPrintable(editor.problems().join(QLatin1Char('\n'))));
    QSignalSpy saved(&editor, &ProfileEditor::saved);
    QTest::mouseClick(saveButton(&editor), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    const QString id = saved.at(0).at(0).toString();
    QCOMPARE(id, QStringLiteral("acme-health"));
    QCOMPARE(editor.result(), int(QDialog::Accepted));

    const auto stored = env.services()->profiles()->profile(id);
    QVERIFY(stored);
    QCOMPARE(stored->displayName, QStringLiteral("Acme Health"));
    QCOMPARE(stored->authMethod, AuthMethod::StaticToken);
    QCOMPARE(stored->groups.size(), 3);
    QCOMPARE(stored->groups.at(2).id, QStringLiteral("g-3"));
    QCOMPARE(readSecret(env, QStringLiteral("acme-health/token")), QStringLiteral("tok-secret-123"));
    QFile file(env.services()->profiles()->filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QVERIFY(json.contains("fhir.acme.example"));
    QVERIFY(!json.contains("tok-secret-123"));
}

void TestProfileEditor::invalidBaseUrlIsMarkedAtTheField()
{
    UiTestEnv env;
    ProfileEditor editor(env.services(), ServerProfile{}, true);
    editor.show();
    editor.authFields()->setMethod(AuthMethod::None);
    QTest::keyClicks(editor.nameEdit(), QStringLiteral("Somewhere"));
    QTest::keyClicks(editor.baseUrlEdit(), QStringLiteral("http://fhir.example.org/r4"));
    FieldNote *note = editor.baseUrlNote();
    QVERIFY(note->isVisibleTo(&editor));
    QVERIFY2(note->text().contains(QStringLiteral("https://")), qPrintable(note->text()));
    QCOMPARE(editor.baseUrlEdit()->toolTip(), note->problem());
    QVERIFY(!saveButton(&editor)->isEnabled());

    editor.baseUrlEdit()->setCursorPosition(4);
    QTest::keyClick(editor.baseUrlEdit(), Qt::Key_S); // http → https
    QCOMPARE(editor.baseUrlEdit()->text(), QStringLiteral("https://fhir.example.org/r4"));
    QVERIFY(!note->isVisibleTo(&editor));
    QVERIFY(note->problem().isEmpty());
    QVERIFY(saveButton(&editor)->isEnabled());

    editor.nameEdit()->clear();
    QVERIFY(!saveButton(&editor)->isEnabled());
    auto *nameNote = editor.findChild<FieldNote *>(QStringLiteral("nameEditNote"));
    QVERIFY(nameNote);
    QVERIFY(nameNote->isVisibleTo(&editor));
}

void TestProfileEditor::authMethodShowsOnlyItsFields()
{
    UiTestEnv env;
    ProfileEditor editor(env.services(), ServerProfile{}, true);
    editor.show();
    editor.tabs()->setCurrentWidget(editor.authFields());
    auto field = [&](const char *name) { return editor.findChild<QWidget *>(QLatin1String(name)); };
    struct Case
    {
        AuthMethod method;
        QList<const char *> shown;
        QList<const char *> hidden;
    };
    const QList<Case> cases{
        {AuthMethod::SmartBackend,
         {"clientIdEdit", "tokenUrlEdit", "keyPanel", "jwksUrlEdit"},
         {"clientSecretEdit", "tokenEdit", "headersTable"}},
        {AuthMethod::ClientSecret, {"clientIdEdit", "clientSecretEdit"}, {"keyPanel", "tokenEdit", "headersTable"}},
        {AuthMethod::StaticToken, {"tokenEdit"}, {"clientIdEdit", "clientSecretEdit", "keyPanel", "headersTable"}},
        {AuthMethod::Headers, {"headersTable"}, {"clientIdEdit", "tokenEdit", "keyPanel"}},
        {AuthMethod::None, {}, {"clientIdEdit", "tokenEdit", "keyPanel", "headersTable", "clientSecretEdit"}},
    };
    for (const Case &c : cases) {
        editor.authFields()->setMethod(c.method);
        for (const char *name : c.shown) {
            QVERIFY2(field(name)->isVisible(), name);
        }
        for (const char *name : c.hidden) {
            QVERIFY2(!field(name)->isVisible(), name);
        }
    }
}

void TestProfileEditor::presetFillsMethodAndTypes()
{
    UiTestEnv env;
    ProfileEditor editor(env.services(), ServerProfile{}, true);
    editor.show();
    QComboBox *vendor = editor.vendorCombo();
    const int veradigm = vendor->findData(QStringLiteral("veradigm"));
    const int oneup = vendor->findData(QStringLiteral("oneup"));
    QVERIFY(veradigm >= 0 && oneup >= 0);
    vendor->setCurrentIndex(veradigm);
    const VendorProfile preset = VendorRegistry::instance().profile(QStringLiteral("veradigm"));
    QVERIFY(!preset.supportedTypes.isEmpty());
    QCOMPARE(editor.currentProfile().defaultTypes, preset.supportedTypes);
    QCOMPARE(editor.currentProfile().vendorId, QStringLiteral("veradigm"));
    QCOMPARE(editor.authFields()->method(), *ServerProfile::authMethodFromName(preset.defaultAuthMethod));
    // Another preset replaces the preset's list (the user had not changed it).
    vendor->setCurrentIndex(oneup);
    const VendorProfile other = VendorRegistry::instance().profile(QStringLiteral("oneup"));
    QCOMPARE(editor.currentProfile().defaultTypes, other.supportedTypes);
    QCOMPARE(editor.authFields()->method(), *ServerProfile::authMethodFromName(other.defaultAuthMethod));
}

void TestProfileEditor::secretHeaderIsMaskedAndStoredApart()
{
    UiTestEnv env;
    ProfileEditor editor(env.services(), ServerProfile{}, true);
    editor.show();
    QTest::keyClicks(editor.nameEdit(), QStringLiteral("One up"));
    QTest::keyClicks(editor.baseUrlEdit(), QStringLiteral("https://api.1up.example/bulk-data/r4"));
    editor.authFields()->setMethod(AuthMethod::Headers);
    editor.tabs()->setCurrentWidget(editor.authFields());
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("addHeaderButton")), Qt::LeftButton);
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("addHeaderButton")), Qt::LeftButton);
    auto *table = editor.findChild<QTableWidget *>(QStringLiteral("headersTable"));
    QCOMPARE(table->rowCount(), 2);
    table->item(0, 0)->setText(QStringLiteral("x-oneup-user-id"));
    table->item(0, 1)->setText(QStringLiteral("client"));
    table->item(1, 0)->setText(QStringLiteral("client_secret"));
    table->item(1, 2)->setCheckState(Qt::Checked);
    // The secret value is edited masked and shown as bullets; the plain header is not.
    table->item(1, 1)->setText(QStringLiteral("s3cr3t"));
    struct Probe : SecretValueDelegate
    {
        using SecretValueDelegate::initStyleOption;
        using SecretValueDelegate::SecretValueDelegate;
    };
    auto *delegate = qobject_cast<SecretValueDelegate *>(table->itemDelegateForColumn(1));
    QVERIFY(delegate);
    QStyleOptionViewItem option;
    option.initFrom(table);
    for (int row : {0, 1}) {
        const QModelIndex index = table->model()->index(row, 1);
        std::unique_ptr<QWidget> editorWidget(delegate->createEditor(table->viewport(), option, index));
        auto *edit = qobject_cast<QLineEdit *>(editorWidget.get());
        QVERIFY(edit);
        QCOMPARE(edit->echoMode(), row == 1 ? QLineEdit::Password : QLineEdit::Normal);
        Probe probe(2);
        QStyleOptionViewItem shown = option;
        probe.initStyleOption(&shown, index);
        QCOMPARE(shown.text, row == 1 ? QString(6, QChar(0x2022)) : QStringLiteral("client"));
    }

    QSignalSpy saved(&editor, &ProfileEditor::saved);
    QVERIFY2(saveButton(&editor)->isEnabled(), qPrintable(editor.problems().join(QLatin1Char('\n'))));
    QTest::mouseClick(saveButton(&editor), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(readSecret(env, QStringLiteral("one-up/header/client_secret")), QStringLiteral("s3cr3t"));
    const auto stored = env.services()->profiles()->profile(QStringLiteral("one-up"));
    QCOMPARE(stored->headers.size(), 2);
    QVERIFY(stored->headers.at(1).secret);
    QVERIFY(stored->headers.at(1).value.isEmpty());
    QFile file(env.services()->profiles()->filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("s3cr3t"));
}

void TestProfileEditor::generatedKeyGoesToTheSecretStore()
{
    UiTestEnv env;
    ProfileEditor editor(env.services(), ServerProfile{}, true);
    editor.show();
    QTest::keyClicks(editor.nameEdit(), QStringLiteral("Smart one"));
    QTest::keyClicks(editor.baseUrlEdit(), QStringLiteral("https://fhir.example.org/r4"));
    editor.authFields()->setMethod(AuthMethod::SmartBackend);
    QTest::keyClicks(editor.findChild<QLineEdit *>(QStringLiteral("clientIdEdit")), QStringLiteral("ferry-client"));
    auto *keys = editor.findChild<KeyPanel *>();
    editor.findChild<QComboBox *>(QStringLiteral("keyAlgorithmCombo"))->setCurrentText(QStringLiteral("ES384"));
    QSignalSpy keyChanged(keys, &KeyPanel::keyChanged);
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("generateKeyButton")), Qt::LeftButton);
    QVERIFY(keyChanged.wait(20000));

    QByteArray jwks;
    keys->withPublicJwks([&](const QByteArray &j, const QString &) { jwks = j; });
    QTRY_VERIFY(!jwks.isEmpty());
    QVERIFY(jwks.contains("\"P-384\""));
    QVERIFY(!jwks.contains("\"d\"")); // the private part never leaves

    QSignalSpy saved(&editor, &ProfileEditor::saved);
    QVERIFY2(saveButton(&editor)->isEnabled(), qPrintable(editor.problems().join(QLatin1Char('\n'))));
    QTest::mouseClick(saveButton(&editor), Qt::LeftButton);
    QTRY_COMPARE(saved.count(), 1);
    QVERIFY(readSecret(env, QStringLiteral("smart-one/private-key")).contains(QStringLiteral("PRIVATE KEY")));
    QCOMPARE(env.services()->profiles()->profile(QStringLiteral("smart-one"))->algorithm, QStringLiteral("ES384"));
}

void TestProfileEditor::checkConnectionAgainstTheSandbox()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(sandbox.start({QStringLiteral("--quiet")}, &error), qPrintable(error));
    UiTestEnv env;
    ServerProfile p;
    p.id = QStringLiteral("sandbox");
    p.displayName = QStringLiteral("Sandbox");
    p.fhirBase = sandbox.fhirBase();
    p.authMethod = AuthMethod::None;
    p.groups = {{QStringLiteral("demo"), QString()}};
    QVERIFY(env.services()->profiles()->save(p, &error));

    ProfileEditor editor(env.services(), p, false);
    editor.show();
    ConnectionCheckPanel *panel = editor.checkPanel();
    QSignalSpy finished(panel, &ConnectionCheckPanel::finished);
    QTest::mouseClick(panel->checkButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("Connection works."));
    const QString steps = editor.findChild<QTextBrowser *>(QStringLiteral("checkStepsView"))->toPlainText();
    QVERIFY2(steps.contains(QStringLiteral("[OK]")), qPrintable(steps));
    QVERIFY2(!steps.contains(QStringLiteral("[Failed]")), qPrintable(steps));
    QVERIFY(panel->reportText().contains(QStringLiteral("demo")));
    const UiSettings::CheckStatus status = env.services()->settings()->checkStatus(QStringLiteral("sandbox"));
    QVERIFY(status.checkedAt.isValid());
    QCOMPARE(status.summary, QStringLiteral("Connection works."));

    // The same check on a group the server does not know says so and what to do.
    editor.groupsEditor()->setGroups({{QStringLiteral("no-such-group"), QString()}});
    finished.clear();
    QTest::mouseClick(panel->checkButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY(finished.at(0).at(0).toString() != QStringLiteral("Connection works."));
    QVERIFY(panel->reportText().contains(QStringLiteral("no-such-group")));
}

void TestProfileEditor::findGroupsOnTheSandbox()
{
    SandboxProcess sandbox;
    QString error;
    QVERIFY2(
        sandbox.start({QStringLiteral("--quiet"), QStringLiteral("--group"), QStringLiteral("oncology=4")}, &error),
        qPrintable(error));
    UiTestEnv env;
    ServerProfile p;
    p.displayName = QStringLiteral("Sandbox");
    p.fhirBase = sandbox.fhirBase();
    p.authMethod = AuthMethod::None;
    p.groups = {{QStringLiteral("demo"), QString()}};
    ProfileEditor editor(env.services(), p, true);
    editor.show();
    editor.tabs()->setCurrentWidget(editor.groupsEditor());
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("findGroupsButton")), Qt::LeftButton);
    auto *dialog = editor.findChild<FindGroupsDialog *>();
    QVERIFY(dialog);
    QTRY_COMPARE(dialog->list()->count(), 3);
    QListWidgetItem *oncology = nullptr;
    for (int i = 0; i < dialog->list()->count(); ++i) {
        QListWidgetItem *item = dialog->list()->item(i);
        if (item->text().contains(QStringLiteral("(demo)"))) {
            QCOMPARE(item->checkState(), Qt::Checked); // already listed
            QVERIFY(!(item->flags() & Qt::ItemIsEnabled));
        }
        if (item->text().contains(QStringLiteral("(oncology)"))) {
            oncology = item;
        }
    }
    QVERIFY(oncology);
    QVERIFY2(oncology->text().contains(QStringLiteral(", 4 patient")), qPrintable(oncology->text()));
    oncology->setCheckState(Qt::Checked);
    dialog->accept();
    const QList<ProfileGroup> groups = editor.groupsEditor()->groups();
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups.at(1).id, QStringLiteral("oncology"));

    // A base that is no FHIR server: the dialog says so, in words.
    editor.baseUrlEdit()->setText(sandbox.fhirBase().resolved(QUrl(QStringLiteral("/nothing"))).toString());
    QTest::mouseClick(editor.findChild<QPushButton *>(QStringLiteral("findGroupsButton")), Qt::LeftButton);
    FindGroupsDialog *second = nullptr;
    for (FindGroupsDialog *d : editor.findChildren<FindGroupsDialog *>()) {
        if (d != dialog && d->isVisible()) {
            second = d;
        }
    }
    QVERIFY(second);
    auto *status = second->findChild<QLabel *>(QStringLiteral("findGroupsStatus"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("did not list its groups")));
    QCOMPARE(second->list()->count(), 0);
}

QTEST_MAIN(TestProfileEditor)
#include "tst_profile_editor.moc"
