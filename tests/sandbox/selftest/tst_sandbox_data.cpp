#include <QTest>

class TstSandboxdata : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(TstSandboxdata)
#include "tst_sandbox_data.moc"
