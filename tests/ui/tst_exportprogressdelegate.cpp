// ExportProgressDelegate paints bars through the style, with no widget per row, and animates only while an
// indeterminate bar is on screen.

#include "exports/exportprogressdelegate.h"
#include "exports/exportroles.h"

#include <QImage>
#include <QProgressBar>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

class TestExportProgressDelegate : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void paintsDeterminateBarsByValue();
    void animatesIndeterminateBarsOnlyWhileShown();
    void cellsWithoutProgressArePaintedAsText();

private:
    QImage cell(int row) const;

    std::unique_ptr<QStandardItemModel> m_model;
    std::unique_ptr<QTableView> m_view;
    ExportProgressDelegate *m_delegate = nullptr;
};

void TestExportProgressDelegate::init()
{
    m_model = std::make_unique<QStandardItemModel>(4, 2);
    const double values[] = {100.0, 0.0, -1.0, 50.0};
    for (int row = 0; row < 4; ++row) {
        auto *item = new QStandardItem(values[row] >= 0 ? QStringLiteral("%1%").arg(values[row]) : QString());
        item->setData(values[row], ExportRoles::Progress);
        m_model->setItem(row, 0, item);
        m_model->setItem(row, 1, new QStandardItem(QStringLiteral("text %1").arg(row)));
    }
    m_view = std::make_unique<QTableView>();
    m_view->setModel(m_model.get());
    m_delegate = new ExportProgressDelegate(m_view.get());
    m_view->setItemDelegate(m_delegate);
    m_view->setColumnWidth(0, m_view->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 12);
    m_view->resize(m_view->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 30, m_view->fontMetrics().height() * 12);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestExportProgressDelegate::cleanup()
{
    m_view.reset();
    m_model.reset();
}

QImage TestExportProgressDelegate::cell(int row) const
{
    const QRect rect = m_view->visualRect(m_model->index(row, 0));
    return m_view->viewport()->grab(rect).toImage();
}

void TestExportProgressDelegate::paintsDeterminateBarsByValue()
{
    QVERIFY(m_view->findChildren<QProgressBar *>().isEmpty());
    const QImage full = cell(0);
    const QImage empty = cell(1);
    const QImage half = cell(3);
    QVERIFY(!full.isNull());
    QVERIFY(full != empty);
    QVERIFY(half != empty);
    QVERIFY(half != full);
    // The bar is painted from the cell's value: setting 0 to 100 makes it look like the full one.
    m_model->item(1, 0)->setData(100.0, ExportRoles::Progress);
    m_model->item(1, 0)->setText(QStringLiteral("100%"));
    QCOMPARE(cell(1), full);
}

void TestExportProgressDelegate::animatesIndeterminateBarsOnlyWhileShown()
{
    QTRY_VERIFY(m_delegate->isAnimating());
    const QImage first = cell(2);
    QTRY_VERIFY_WITH_TIMEOUT(cell(2) != first, 5000); // the chunk moves
    // No indeterminate bar left: the timer stops by itself.
    m_model->item(2, 0)->setData(40.0, ExportRoles::Progress);
    QTRY_VERIFY_WITH_TIMEOUT(!m_delegate->isAnimating(), 5000);
    const QImage settled = cell(2);
    QTest::qWait(200);
    QCOMPARE(cell(2), settled);
}

void TestExportProgressDelegate::cellsWithoutProgressArePaintedAsText()
{
    // Column 1 has no Progress role: same pixels as a plain QStyledItemDelegate would paint.
    const QRect rect = m_view->visualRect(m_model->index(0, 1));
    const QImage ours = m_view->viewport()->grab(rect).toImage();
    m_view->setItemDelegate(new QStyledItemDelegate(m_view.get()));
    m_view->viewport()->repaint();
    QCOMPARE(m_view->viewport()->grab(rect).toImage(), ours);
}

QTEST_MAIN(TestExportProgressDelegate)
#include "tst_exportprogressdelegate.moc"
