#include <QTest>

class TstSandboxfaults : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(TstSandboxfaults)
#include "tst_sandbox_faults.moc"
