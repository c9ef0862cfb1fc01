#include <QTest>

class TstSandboxhttp : public QObject
{
    Q_OBJECT
private slots:
    void placeholder() { QVERIFY(true); }
};

QTEST_GUILESS_MAIN(TstSandboxhttp)
#include "tst_sandbox_http.moc"
