#include <QTest>

class TstSandboxcli : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(TstSandboxcli)
#include "tst_sandbox_cli.moc"
