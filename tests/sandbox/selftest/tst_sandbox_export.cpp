#include <QTest>

class TstSandboxexport : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(TstSandboxexport)
#include "tst_sandbox_export.moc"
