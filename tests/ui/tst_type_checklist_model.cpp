// TypeChecklistModel and TypeChecklist: the _type checklist, its filter and its one-click sets.

#include "exportform/resourcetypes.h"
#include "exportform/typechecklist.h"
#include "exportform/typechecklistmodel.h"
#include "vendor/vendorprofile.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestTypeChecklistModel : public QObject
{
    Q_OBJECT

private slots:
    void checkingRows();
    void checkedTypesOutsideTheListStay();
    void oneClickSetsAndFilter();
};

void TestTypeChecklistModel::checkingRows()
{
    TypeChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTypes({QStringLiteral("Patient"), QStringLiteral("Observation"), QStringLiteral("Condition")});
    QSignalSpy changed(&model, &TypeChecklistModel::checkedChanged);
    const QModelIndex obs = model.index(1);
    QVERIFY(model.flags(obs) & Qt::ItemIsUserCheckable);
    QCOMPARE(obs.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(model.setData(obs, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.setData(model.index(0), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.checked(), (QStringList{QStringLiteral("Patient"), QStringLiteral("Observation")}));
    QVERIFY(model.setData(obs, Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(model.checked(), QStringList{QStringLiteral("Patient")});
    QVERIFY(!model.setData(obs, QStringLiteral("x"), Qt::EditRole));
}

void TestTypeChecklistModel::checkedTypesOutsideTheListStay()
{
    TypeChecklistModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTypes({QStringLiteral("Patient")});
    model.setChecked({QStringLiteral("Patient"), QStringLiteral("Binary")});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.checked(), (QStringList{QStringLiteral("Patient"), QStringLiteral("Binary")}));
    model.setTypes({QStringLiteral("Observation")}); // another preset: Binary and Patient stay, still checked
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.checked().size(), 2);
}

void TestTypeChecklistModel::oneClickSetsAndFilter()
{
    TypeChecklist list;
    QAbstractItemModelTester tester(list.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(list.view()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    VendorProfile vendor = VendorProfile::generic();
    vendor.displayName = QStringLiteral("Narrow");
    vendor.supportedTypes = {QStringLiteral("Patient"), QStringLiteral("Observation"), QStringLiteral("Account")};
    vendor.typeAdvice = QStringLiteral("Ask for Provenance explicitly.");
    list.setVendor(vendor);
    list.show();
    QCOMPARE(list.model()->rowCount(), 3);
    QCOMPARE(list.findChild<QWidget *>(QStringLiteral("typeAdviceLabel"))->property("text").toString(),
             vendor.typeAdvice);

    QTest::mouseClick(list.findChild<QPushButton *>(QStringLiteral("usCoreTypesButton")), Qt::LeftButton);
    QCOMPARE(list.checked(), (QStringList{QStringLiteral("Patient"), QStringLiteral("Observation")}));
    QTest::mouseClick(list.findChild<QPushButton *>(QStringLiteral("vendorTypesButton")), Qt::LeftButton);
    QCOMPARE(list.checked(), vendor.supportedTypes);
    QTest::mouseClick(list.findChild<QPushButton *>(QStringLiteral("noTypesButton")), Qt::LeftButton);
    QVERIFY(list.checked().isEmpty());
    QVERIFY(list.findChild<QWidget *>(QStringLiteral("typeSummaryLabel"))
                ->property("text")
                .toString()
                .contains(QStringLiteral("every type")));
    QTest::mouseClick(list.findChild<QPushButton *>(QStringLiteral("allTypesButton")), Qt::LeftButton);
    QCOMPARE(list.checked().size(), 3);

    QTest::keyClicks(list.filterEdit(), QStringLiteral("OBS"));
    QCOMPARE(list.view()->model()->rowCount(), 1);
    QCOMPARE(list.view()->model()->index(0, 0).data().toString(), QStringLiteral("Observation"));

    // The generic preset offers every type; US Core is a subset of them.
    list.filterEdit()->clear();
    list.setVendor(VendorProfile::generic());
    QVERIFY(list.model()->rowCount() >= ResourceTypes::all().size());
    QVERIFY(!list.findChild<QPushButton *>(QStringLiteral("vendorTypesButton"))->isEnabled());
    QTest::mouseClick(list.findChild<QPushButton *>(QStringLiteral("usCoreTypesButton")), Qt::LeftButton);
    QCOMPARE(list.checked().size(), ResourceTypes::usCore().size());
}

QTEST_MAIN(TestTypeChecklistModel)
#include "tst_type_checklist_model.moc"
