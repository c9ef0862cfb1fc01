// ExportForm: the fields a preset allows, problems marked at their field, the live kick-off preview, "Since last
// export", and the record Export hands to the ExportManager.

#include "uitestenv.h"

#include "app/appservices.h"
#include "export/exporthistory.h"
#include "export/exportjob.h"
#include "export/exportmanager.h"
#include "exportform/advancedoptions.h"
#include "exportform/exportform.h"
#include "exportform/sincepicker.h"
#include "exportform/typechecklist.h"
#include "store/profilestore.h"
#include "widgets/fieldnote.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

class TestExportForm : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ExportJob *>(); }
    void init();
    void cleanup();
    void levelsAndGroupOfTheProfile();
    void problemsAreMarkedAtTheirField();
    void previewShowsTheExactKickoff();
    void sinceLastExport();
    void sinceInAChosenTimeZone();
    void exportHandsTheRecordToTheManager();
    void choicesSurviveAProfileUpdate();
    void presetsHideWhatTheyDoNotSupport();

private:
    std::unique_ptr<UiTestEnv> m_env;
    std::unique_ptr<ExportForm> m_form;
};

void TestExportForm::init()
{
    m_env = std::make_unique<UiTestEnv>();
    ServerProfile p;
    p.id = QStringLiteral("acme");
    p.displayName = QStringLiteral("Acme");
    // An address nothing listens on: the tests that export only look at what the manager was given.
    p.fhirBase = QUrl(QStringLiteral("http://127.0.0.1:9/fhir"));
    p.authMethod = AuthMethod::None;
    p.groups = {{QStringLiteral("g1"), QStringLiteral("Cardiology")}, {QStringLiteral("g2"), QString()}};
    p.defaultTypes = {QStringLiteral("Patient"), QStringLiteral("Observation")};
    QString error;
    QVERIFY(m_env->services()->profiles()->save(p, &error));
    m_form = std::make_unique<ExportForm>(m_env->services());
    m_form->destinationEdit()->setText(m_env->path(QStringLiteral("out")));
    m_form->setProfile(QStringLiteral("acme"), QStringLiteral("g2"));
    m_form->show();
}

void TestExportForm::cleanup()
{
    m_form.reset();
    m_env.reset();
}

void TestExportForm::levelsAndGroupOfTheProfile()
{
    QComboBox *level = m_form->levelCombo();
    QStringList levels;
    for (int i = 0; i < level->count(); ++i) {
        levels << level->itemData(i).toString();
    }
    // The generic preset: no resource-type level.
    QCOMPARE(levels, (QStringList{QStringLiteral("group"), QStringLiteral("patient"), QStringLiteral("system")}));
    QCOMPARE(level->currentData().toString(), QStringLiteral("group"));
    QCOMPARE(m_form->groupCombo()->count(), 2);
    QCOMPARE(m_form->groupCombo()->currentText(), QStringLiteral("g2"));
    QCOMPARE(m_form->currentRequest().groupId, QStringLiteral("g2"));
    m_form->groupCombo()->setCurrentIndex(0);
    QCOMPARE(m_form->groupCombo()->currentText(), QStringLiteral("Cardiology (g1)"));
    QCOMPARE(m_form->currentRequest().groupId, QStringLiteral("g1"));
    // In the checklist's (alphabetical) order.
    QCOMPARE(m_form->typeChecklist()->checked(),
             (QStringList{QStringLiteral("Observation"), QStringLiteral("Patient")}));
    QVERIFY(m_form->groupCombo()->isVisible());
    QVERIFY(!m_form->findChild<QWidget *>(QStringLiteral("resourceTypeCombo"))->isVisible());

    level->setCurrentIndex(level->findData(QStringLiteral("system")));
    QVERIFY(!m_form->groupCombo()->isVisible());
    QCOMPARE(m_form->currentRequest().level, ExportLevel::System);
    QVERIFY(m_form->exportButton()->isEnabled());
}

void TestExportForm::problemsAreMarkedAtTheirField()
{
    QVERIFY(m_form->exportButton()->isEnabled());
    QLineEdit *group = m_form->groupCombo()->lineEdit();
    group->clear();
    QVERIFY(!m_form->exportButton()->isEnabled());
    QVERIFY(m_form->groupNote()->isVisible());
    QVERIFY2(m_form->groupNote()->text().contains(QStringLiteral("group")), qPrintable(m_form->groupNote()->text()));

    QTest::keyClicks(group, QStringLiteral("bad id!"));
    QVERIFY(!m_form->exportButton()->isEnabled());
    QVERIFY2(m_form->groupNote()->text().contains(QStringLiteral("bad id!")), qPrintable(m_form->groupNote()->text()));
    QCOMPARE(m_form->groupCombo()->toolTip(), m_form->groupNote()->problem());

    group->clear();
    QTest::keyClicks(group, QStringLiteral("g-77"));
    QVERIFY(!m_form->groupNote()->isVisible());
    QVERIFY(m_form->exportButton()->isEnabled());

    // _since in the future, at the since field.
    SincePicker *since = m_form->sincePicker();
    since->enabledBox()->setChecked(true);
    since->dateTimeEdit()->setDateTime(QDateTime::currentDateTime().addDays(3));
    auto *sinceNote = m_form->findChild<FieldNote *>(QStringLiteral("sincePickerNote"));
    QVERIFY(sinceNote && sinceNote->isVisible());
    QVERIFY(!m_form->exportButton()->isEnabled());
    since->dateTimeEdit()->setDateTime(QDateTime::currentDateTime().addDays(-3));
    QVERIFY(!sinceNote->isVisible());

    // A malformed _typeFilter, at the Advanced field.
    QTest::keyClicks(m_form->advancedOptions()->typeFiltersEdit(), QStringLiteral("category=laboratory"));
    auto *filterNote = m_form->findChild<FieldNote *>(QStringLiteral("typeFiltersEditNote"));
    QVERIFY(filterNote);
    QVERIFY2(filterNote->problem().contains(QStringLiteral("Type?")), qPrintable(filterNote->problem()));
    QVERIFY(!m_form->exportButton()->isEnabled());
    m_form->advancedOptions()->typeFiltersEdit()->setPlainText(QStringLiteral("Observation?category=laboratory"));
    QVERIFY(filterNote->problem().isEmpty());
    QVERIFY(m_form->exportButton()->isEnabled());

    m_form->destinationEdit()->clear();
    QVERIFY(!m_form->exportButton()->isEnabled());
    QVERIFY(m_form->findChild<FieldNote *>(QStringLiteral("destinationEditNote"))->isVisible());
    QVERIFY(!m_form->startExport());
    QVERIFY(m_env->services()->exports()->jobs().isEmpty());
}

void TestExportForm::previewShowsTheExactKickoff()
{
    const QString get = m_form->preview()->toPlainText();
    QVERIFY2(get.startsWith(QStringLiteral("GET http://127.0.0.1:9/fhir/Group/g2/$export?_type=Observation,Patient")),
             qPrintable(get));
    QVERIFY(get.contains(QStringLiteral("Prefer: respond-async")));
    QVERIFY(!get.contains(QStringLiteral("Authorization")));

    QTest::keyClicks(m_form->advancedOptions()->elementsEdit(), QStringLiteral("id, meta"));
    QVERIFY2(m_form->preview()->toPlainText().contains(QStringLiteral("_elements=id,meta")),
             qPrintable(m_form->preview()->toPlainText()));

    QComboBox *encoding = m_form->advancedOptions()->encodingCombo();
    encoding->setCurrentIndex(encoding->findData(int(ParameterEncoding::PostParameters)));
    const QString post = m_form->preview()->toPlainText();
    QVERIFY2(post.startsWith(QStringLiteral("POST http://127.0.0.1:9/fhir/Group/g2/$export\n")), qPrintable(post));
    QVERIFY(post.contains(QStringLiteral("\"resourceType\"")));
    QVERIFY(post.contains(QStringLiteral("Parameters")));
    QVERIFY(post.contains(QStringLiteral("Observation")));
}

void TestExportForm::sinceLastExport()
{
    SincePicker *since = m_form->sincePicker();
    QVERIFY(!since->lastExportButton()->isEnabled());
    const QDateTime tx(QDate(2025, 3, 4), QTime(5, 6, 7), Qt::UTC);
    ExportRequest q = m_form->currentRequest();
    QString error;
    QVERIFY(m_env->services()->history()->record(q, {tx, QStringLiteral("x"), QStringLiteral("/tmp/x")}, &error));
    m_form->setProfile(QStringLiteral("acme"), QStringLiteral("g2"));
    QVERIFY(since->lastExportButton()->isEnabled());
    QTest::mouseClick(since->lastExportButton(), Qt::LeftButton);
    QVERIFY(m_form->currentRequest().since);
    QCOMPARE(m_form->currentRequest().since->toUTC(), tx);
    QVERIFY2(m_form->preview()->toPlainText().contains(QStringLiteral("_since=2025-03-04T05:06:07")),
             qPrintable(m_form->preview()->toPlainText()));
    // Another group has no history.
    m_form->groupCombo()->setCurrentIndex(0);
    QVERIFY(!since->lastExportButton()->isEnabled());
}

void TestExportForm::sinceInAChosenTimeZone()
{
    SincePicker *since = m_form->sincePicker();
    const int berlin = since->zoneCombo()->findData(QByteArray("Europe/Berlin"));
    if (berlin < 0) {
        QSKIP("no Europe/Berlin time zone on this system");
    }
    since->enabledBox()->setChecked(true);
    since->zoneCombo()->setCurrentIndex(berlin);
    since->dateTimeEdit()->setDateTime(QDateTime(QDate(2025, 1, 1), QTime(0, 0)));
    const auto q = m_form->currentRequest();
    QVERIFY(q.since);
    QCOMPARE(q.since->toUTC(), QDateTime(QDate(2024, 12, 31), QTime(23, 0), Qt::UTC));
    const QString preview = m_form->preview()->toPlainText();
    QVERIFY2(preview.contains(QStringLiteral("_since=2025-01-01T00:00:00.000%2B01:00")) ||
                 preview.contains(QStringLiteral("_since=2025-01-01T00:00:00.000+01:00")),
             qPrintable(preview));
    // UTC is the first choice.
    since->zoneCombo()->setCurrentIndex(0);
    QCOMPARE(m_form->currentRequest().since->toUTC(), QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC));
}

void TestExportForm::exportHandsTheRecordToTheManager()
{
    QSignalSpy started(m_form.get(), &ExportForm::exportStarted);
    m_form->advancedOptions()->findChild<QWidget *>(QStringLiteral("parallelSpin"))->setProperty("value", 3);
    QTest::mouseClick(m_form->exportButton(), Qt::LeftButton);
    QCOMPARE(started.count(), 1);
    ExportJob *job = started.at(0).at(0).value<ExportJob *>();
    QVERIFY(job);
    QCOMPARE(m_env->services()->exports()->jobs(), QList<ExportJob *>{job});
    const ExportRecord &r = job->record();
    QCOMPARE(r.profileId, QStringLiteral("acme"));
    QCOMPARE(r.request.groupId, QStringLiteral("g2"));
    QCOMPARE(r.request.types, (QStringList{QStringLiteral("Observation"), QStringLiteral("Patient")}));
    QCOMPARE(r.parallelDownloads, 3);
    QVERIFY2(r.outputDir.startsWith(m_env->path(QStringLiteral("out")) + QStringLiteral("/Acme/")),
             qPrintable(r.outputDir));
    // A second export in the same second gets a folder of its own.
    QTest::mouseClick(m_form->exportButton(), Qt::LeftButton);
    QCOMPARE(started.count(), 2);
    QVERIFY(started.at(1).at(0).value<ExportJob *>()->record().outputDir != r.outputDir);
    m_env->services()->exports()->suspendAll();
}

void TestExportForm::choicesSurviveAProfileUpdate()
{
    m_form->typeChecklist()->setChecked({QStringLiteral("Condition")});
    m_form->sincePicker()->enabledBox()->setChecked(true);
    // The profile is saved again (its base moved, as the sandbox's does at every start).
    auto p = *m_env->services()->profiles()->profile(QStringLiteral("acme"));
    p.fhirBase = QUrl(QStringLiteral("http://127.0.0.1:10/fhir"));
    QString error;
    QVERIFY(m_env->services()->profiles()->save(p, &error));
    m_form->setProfile(QStringLiteral("acme"));
    QCOMPARE(m_form->typeChecklist()->checked(), QStringList{QStringLiteral("Condition")});
    QVERIFY(m_form->currentRequest().since);
    QCOMPARE(m_form->currentRequest().groupId, QStringLiteral("g2"));
    QCOMPARE(m_form->currentRequest().base, p.fhirBase);
    // "Use these types for this server next time" stores them in the profile.
    QTest::mouseClick(m_form->findChild<QPushButton *>(QStringLiteral("rememberTypesButton")), Qt::LeftButton);
    QCOMPARE(m_env->services()->profiles()->profile(QStringLiteral("acme"))->defaultTypes,
             QStringList{QStringLiteral("Condition")});
    QCOMPARE(m_form->typeChecklist()->checked(), QStringList{QStringLiteral("Condition")});
    // Another profile starts from its own defaults.
    ServerProfile other = p;
    other.id = QStringLiteral("other");
    other.defaultTypes = {QStringLiteral("Patient")};
    QVERIFY(m_env->services()->profiles()->save(other, &error));
    m_form->setProfile(QStringLiteral("other"));
    QCOMPARE(m_form->typeChecklist()->checked(), QStringList{QStringLiteral("Patient")});
    QVERIFY(!m_form->currentRequest().since);
}

void TestExportForm::presetsHideWhatTheyDoNotSupport()
{
    QString error;
    auto save = [&](const QString &id, const QString &vendor) {
        ServerProfile p = *m_env->services()->profiles()->profile(QStringLiteral("acme"));
        p.id = id;
        p.vendorId = vendor;
        p.defaultTypes.clear();
        return m_env->services()->profiles()->save(p, &error);
    };
    auto levels = [&] {
        QStringList list;
        for (int i = 0; i < m_form->levelCombo()->count(); ++i) {
            list << m_form->levelCombo()->itemData(i).toString();
        }
        return list;
    };
    for (QToolButton *b : m_form->findChildren<QToolButton *>()) {
        if (b->text().contains(QStringLiteral("Advanc"))) {
            b->setChecked(true); // open the Advanced section
        }
    }
    QVERIFY(m_form->advancedOptions()->elementsEdit()->isVisibleTo(m_form.get()));
    QVERIFY(save(QStringLiteral("oracle"), QStringLiteral("oracle")));
    m_form->setProfile(QStringLiteral("oracle"));
    QCOMPARE(levels(), QStringList{QStringLiteral("group")});
    QVERIFY(!m_form->advancedOptions()->elementsEdit()->isVisibleTo(m_form.get()));
    QVERIFY(m_form->advancedOptions()->typeFiltersEdit()->isVisibleTo(m_form.get()));

    // InteropiO's Epic gateway: only the resource-type level, over its three types.
    QVERIFY(save(QStringLiteral("interopio"), QStringLiteral("epic-interopio")));
    m_form->setProfile(QStringLiteral("interopio"));
    QCOMPARE(levels(), QStringList{QStringLiteral("type")});
    QVERIFY(!m_form->groupCombo()->isVisible());
    auto *resourceType = m_form->findChild<QComboBox *>(QStringLiteral("resourceTypeCombo"));
    QVERIFY(resourceType->isVisible());
    QCOMPARE(resourceType->count(), 3);
    QCOMPARE(m_form->currentRequest().level, ExportLevel::ResourceType);
    resourceType->setCurrentIndex(resourceType->findData(QStringLiteral("Practitioner")));
    QVERIFY2(
        m_form->preview()->toPlainText().startsWith(QStringLiteral("GET http://127.0.0.1:9/fhir/Practitioner/$export")),
        qPrintable(m_form->preview()->toPlainText()));

    // Veradigm: its own type list and its advice at the checklist.
    QVERIFY(save(QStringLiteral("veradigm"), QStringLiteral("veradigm")));
    m_form->setProfile(QStringLiteral("veradigm"));
    auto *advice = m_form->findChild<QLabel *>(QStringLiteral("typeAdviceLabel"));
    QVERIFY(advice->isVisible());
    QVERIFY(advice->text().contains(QStringLiteral("Provenance")));
    QVERIFY(m_form->findChild<QPushButton *>(QStringLiteral("vendorTypesButton"))->isEnabled());
}

QTEST_MAIN(TestExportForm)
#include "tst_export_form.moc"
