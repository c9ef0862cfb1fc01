// GroupsModel: the profile editor's editable list of group ids and labels.

#include "profile/groupsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestGroupsModel : public QObject
{
    Q_OBJECT

private slots:
    void pastedIdsAreSplitTrimmedAndDeduplicated();
    void editsKeepIdsUniqueAndPresent();
    void removeRows();
    void splitIds_data();
    void splitIds();
};

void TestGroupsModel::pastedIdsAreSplitTrimmedAndDeduplicated()
{
    GroupsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setGroups({{QStringLiteral("demo"), QStringLiteral("Demo cohort")}});
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.addIds(QStringLiteral("a1, b2\n demo;c3 a1")), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.index(0, GroupsModel::LabelColumn).data().toString(), QStringLiteral("Demo cohort"));
    QStringList ids;
    for (const ProfileGroup &g : model.groups()) {
        ids << g.id;
    }
    QCOMPARE(ids,
             (QStringList{QStringLiteral("demo"), QStringLiteral("a1"), QStringLiteral("b2"), QStringLiteral("c3")}));
    QCOMPARE(model.addIds(QStringLiteral("demo a1")), 0);
    QCOMPARE(inserted.count(), 1);
}

void TestGroupsModel::editsKeepIdsUniqueAndPresent()
{
    GroupsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addIds(QStringLiteral("a b"));
    const QModelIndex id = model.index(1, GroupsModel::IdColumn);
    QVERIFY(model.flags(id) & Qt::ItemIsEditable);
    QVERIFY(!model.setData(id, QStringLiteral("a")));  // taken
    QVERIFY(!model.setData(id, QStringLiteral("  "))); // empty
    QVERIFY(model.setData(id, QStringLiteral(" c ")));
    QCOMPARE(model.groups().at(1).id, QStringLiteral("c"));
    QVERIFY(model.setData(model.index(1, GroupsModel::LabelColumn), QStringLiteral("Cardiology")));
    QCOMPARE(model.groups().at(1).label, QStringLiteral("Cardiology"));
}

void TestGroupsModel::removeRows()
{
    GroupsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.addIds(QStringLiteral("a b c"));
    QVERIFY(model.removeRows(1, 1));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.groups().at(1).id, QStringLiteral("c"));
    QVERIFY(!model.removeRows(2, 1));
}

void TestGroupsModel::splitIds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("lines") << QStringLiteral("a\nb\r\nc")
                           << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("commas") << QStringLiteral("a,b,,c")
                            << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("tabs from a spreadsheet")
        << QStringLiteral("a\tb") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("nothing") << QStringLiteral(" \n ") << QStringList{};
}

void TestGroupsModel::splitIds()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    QCOMPARE(GroupsModel::splitIds(text), ids);
}

QTEST_GUILESS_MAIN(TestGroupsModel)
#include "tst_groups_model.moc"
