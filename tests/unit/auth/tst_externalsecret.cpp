// ExternalSecret: secrets for unattended runs from an environment variable or a file, never a command-line value.
#include "store/externalsecret.h"
#include "util/redactor.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestExternalSecret : public QObject
{
    Q_OBJECT

private:
    QString writeFile(const QByteArray &content, QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner)
    {
        const QString path = m_dir.filePath(QStringLiteral("secret-%1").arg(++m_files));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(content);
        }
        file.close();
        QFile::setPermissions(path, permissions);
        return path;
    }

    QTemporaryDir m_dir;
    int m_files = 0;

private slots:
    void fromFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("value"); // empty: an error is expected
        QTest::newRow("token with newline") << QByteArray("abc.def.ghi\n") << QStringLiteral("abc.def.ghi");
        QTest::newRow("first line only") << QByteArray("\n  the-secret  \nnote: rotate in May\n")
                                         << QStringLiteral("the-secret");
        const QByteArray pem = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\nAwEHBG0wawIBAQQg\n"
                               "-----END PRIVATE KEY-----\n";
        QTest::newRow("PEM kept whole") << pem << QString::fromLatin1(pem.trimmed());
        QTest::newRow("empty") << QByteArray(" \n\n") << QString();
        QTest::newRow("too large") << QByteArray(ExternalSecret::kMaxFileSize + 1, 'x') << QString();
    }
    void fromFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, value);
        QString error;
        const std::optional<QString> secret = ExternalSecret::file(writeFile(content)).read(&error);
        QCOMPARE(secret.value_or(QString()), value);
        QCOMPARE(error.isEmpty(), !value.isEmpty());
    }

    void missingFile()
    {
        QString error;
        const ExternalSecret source = ExternalSecret::file(m_dir.filePath(QStringLiteral("nope")));
        QVERIFY(!source.read(&error));
        QVERIFY2(error.contains(QLatin1String("nope")), qPrintable(error));
    }

    void readableByOthersWarns()
    {
        QString error;
        QString warning;
        const QString path =
            writeFile("shared-secret-value\n", QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        QCOMPARE(ExternalSecret::file(path).read(&error, &warning),
                 std::optional<QString>(QStringLiteral("shared-secret-value")));
        QVERIFY2(warning.contains(QLatin1String("chmod 600")), qPrintable(warning));
        warning.clear();
        QVERIFY(ExternalSecret::file(writeFile("private-secret-value")).read(&error, &warning));
        QVERIFY(warning.isEmpty());
    }

    void fromEnvironment()
    {
        QString error;
        qputenv("FERRY_TEST_SECRET", "  env-secret-value\n");
        const ExternalSecret source = ExternalSecret::environment(QStringLiteral("FERRY_TEST_SECRET"));
        QCOMPARE(source.read(&error), std::optional<QString>(QStringLiteral("env-secret-value")));
        QVERIFY(source.describe().contains(QLatin1String("FERRY_TEST_SECRET")));
        // Whatever was read is redacted from logs from now on.
        QCOMPARE(Redactor::instance().text(QStringLiteral("got env-secret-value")), QStringLiteral("got [redacted]"));

        qputenv("FERRY_TEST_SECRET", "");
        QVERIFY(!source.read(&error));
        QVERIFY(error.contains(QLatin1String("empty")));
        qunsetenv("FERRY_TEST_SECRET");
        QVERIFY(!source.read(&error));
        QVERIFY(error.contains(QLatin1String("not set")));
    }
};

QTEST_GUILESS_MAIN(TestExternalSecret)
#include "tst_externalsecret.moc"
