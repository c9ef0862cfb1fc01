// PrivateFiles: owner-only directories and files from the moment they exist, and isInside() as the path guard.
#include "util/privatefiles.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

int mode(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

} // namespace

class TestPrivateFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void makeDirectory();
    void makeDirectoryErrors();
    void open();
    void openTightensExisting();
    void openError();
    void isInside_data();
    void isInside();

private:
    mode_t m_oldUmask = 022;
};

void TestPrivateFiles::initTestCase()
{
    m_oldUmask = ::umask(0); // nothing is private by accident
}

void TestPrivateFiles::cleanupTestCase()
{
    ::umask(m_oldUmask);
}

void TestPrivateFiles::makeDirectory()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QVERIFY(QDir().mkdir(tmp.path() + QStringLiteral("/shared")));
    QVERIFY(QFile::setPermissions(tmp.path() + QStringLiteral("/shared"), QFile::Permissions(0x7755)));
    const QString deep = tmp.path() + QStringLiteral("/shared/a/b/c");
    QString error;
    QVERIFY2(PrivateFiles::makeDirectory(deep, &error), qPrintable(error));
    QCOMPARE(mode(tmp.path() + QStringLiteral("/shared/a")), 0700);
    QCOMPARE(mode(tmp.path() + QStringLiteral("/shared/a/b")), 0700);
    QCOMPARE(mode(deep), 0700);
    // Only what it creates: an existing parent keeps its permissions.
    QCOMPARE(mode(tmp.path() + QStringLiteral("/shared")), 0755);
    // Existing: fine, nothing changes.
    QVERIFY(PrivateFiles::makeDirectory(deep, &error));
    QVERIFY(PrivateFiles::makeDirectory(deep + QStringLiteral("/"), nullptr));
    // Relative paths and "..": resolved against the working directory.
    const QString old = QDir::currentPath();
    QVERIFY(QDir::setCurrent(tmp.path()));
    const bool ok = PrivateFiles::makeDirectory(QStringLiteral("rel/x/../y"), &error);
    QDir::setCurrent(old);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(mode(tmp.path() + QStringLiteral("/rel/y")), 0700);
    QVERIFY(!QFileInfo::exists(tmp.path() + QStringLiteral("/rel/x")));
}

void TestPrivateFiles::makeDirectoryErrors()
{
    QTemporaryDir tmp;
    QFile f(tmp.path() + QStringLiteral("/file"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QString error;
    QVERIFY(!PrivateFiles::makeDirectory(tmp.path() + QStringLiteral("/file"), &error));
    QCOMPARE(error, QStringLiteral("%1 exists but is not a folder.").arg(tmp.path() + QStringLiteral("/file")));
    error.clear();
    QVERIFY(!PrivateFiles::makeDirectory(tmp.path() + QStringLiteral("/file/sub"), &error));
    QVERIFY2(error.contains(QStringLiteral("/file/sub")), qPrintable(error));
    QVERIFY(!PrivateFiles::makeDirectory(tmp.path() + QStringLiteral("/file/sub"))); // no error pointer: no crash
}

void TestPrivateFiles::open()
{
    QTemporaryDir tmp;
    QFile f(tmp.path() + QStringLiteral("/token.json"));
    QString error;
    QVERIFY2(PrivateFiles::open(f, QIODevice::WriteOnly, &error), qPrintable(error));
    QCOMPARE(mode(f.fileName()), 0600);
    QCOMPARE(f.write("x"), 1);
    f.close();
    QFile append(f.fileName());
    QVERIFY(PrivateFiles::open(append, QIODevice::WriteOnly | QIODevice::Append));
    QCOMPARE(mode(f.fileName()), 0600);
}

void TestPrivateFiles::openTightensExisting()
{
    QTemporaryDir tmp;
    const QString path = tmp.path() + QStringLiteral("/old.ndjson");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QVERIFY(QFile::setPermissions(path, QFile::Permissions(0x6644)));
    QCOMPARE(mode(path), 0644);
    QFile again(path);
    QVERIFY(PrivateFiles::open(again, QIODevice::ReadOnly));
    QCOMPARE(mode(path), 0600);
}

void TestPrivateFiles::openError()
{
    QTemporaryDir tmp;
    QFile f(tmp.path() + QStringLiteral("/missing/x.json"));
    QString error;
    QVERIFY(!PrivateFiles::open(f, QIODevice::WriteOnly, &error));
    QVERIFY2(error.startsWith(QStringLiteral("Cannot open %1: ").arg(f.fileName())), qPrintable(error));
    QVERIFY(!PrivateFiles::open(f, QIODevice::WriteOnly));
}

void TestPrivateFiles::isInside_data()
{
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("inside");

    const QString r = QStringLiteral("/data/exports");
    QTest::newRow("the root itself") << r << r << true;
    QTest::newRow("root with slash") << r << r + QStringLiteral("/") << true;
    QTest::newRow("child") << r << r + QStringLiteral("/p/group-1/x.ndjson") << true;
    QTest::newRow("dot segments inside") << r << r + QStringLiteral("/./a/../b") << true;
    QTest::newRow("double slash") << r << r + QStringLiteral("//a") << true;
    QTest::newRow("root written with a slash") << r + QStringLiteral("/") << r + QStringLiteral("/a") << true;
    QTest::newRow("root written with dots") << QStringLiteral("/data/x/../exports") << r + QStringLiteral("/a") << true;
    QTest::newRow("parent") << r << QStringLiteral("/data") << false;
    QTest::newRow("dot dot") << r << r + QStringLiteral("/..") << false;
    QTest::newRow("escape") << r << r + QStringLiteral("/../../etc/passwd") << false;
    QTest::newRow("escape after descending") << r << r + QStringLiteral("/a/b/../../../x") << false;
    QTest::newRow("sibling with the same prefix") << r << QStringLiteral("/data/exports2/a") << false;
    QTest::newRow("sibling via dots") << r << r + QStringLiteral("/../exports-old") << false;
    QTest::newRow("unrelated") << r << QStringLiteral("/etc/passwd") << false;
    QTest::newRow("filesystem root contains everything")
        << QStringLiteral("/") << QStringLiteral("/etc/passwd") << true;
    QTest::newRow("filesystem root itself") << QStringLiteral("/") << QStringLiteral("/") << true;
    QTest::newRow("empty root contains nothing") << QString() << QStringLiteral("/etc/passwd") << false;
    QTest::newRow("empty root, empty path") << QString() << QString() << false;
    QTest::newRow("empty path") << r << QString() << false;
}

void TestPrivateFiles::isInside()
{
    QFETCH(QString, root);
    QFETCH(QString, path);
    QFETCH(bool, inside);
    QCOMPARE(PrivateFiles::isInside(root, path), inside);
}

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
