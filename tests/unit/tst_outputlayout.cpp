// OutputLayout: export directory names per level, per-type file sequences, remember() after a restart, and path
// safety — nothing a server or a profile name contains may steer a path outside the destination.
#include "export/outputlayout.h"
#include "util/privatefiles.h"

#include <QDir>
#include <QSet>
#include <QTest>

namespace {

const QString kDestination = QStringLiteral("/data/exports");
const QDateTime kStarted(QDate(2024, 1, 31), QTime(9, 15, 0), Qt::UTC);

ExportRequest request(ExportLevel level, const QString &groupId = {}, const QString &resourceType = {})
{
    ExportRequest r;
    r.base = QUrl(QStringLiteral("https://fhir.example.org/r4"));
    r.level = level;
    r.groupId = groupId;
    r.resourceType = resourceType;
    return r;
}

// Hostile text: path tricks, separators, control characters, non-ASCII, excessive length.
QStringList hostile()
{
    return {QStringLiteral("../../etc"),
            QStringLiteral("/abs"),
            QStringLiteral(".."),
            QStringLiteral("."),
            QStringLiteral("a/../../b"),
            QStringLiteral("..\\..\\windows"),
            QStringLiteral("C:\\Windows\\System32"),
            QStringLiteral("~"),
            QStringLiteral("~/.ssh"),
            QString(),
            QStringLiteral("   "),
            QStringLiteral("nul") + QChar(0) + QStringLiteral("/../x"),
            QStringLiteral("line\nbreak"),
            QString(5000, QLatin1Char('A')),
            QString(300, QLatin1Char('.')) + QStringLiteral("/x"),
            QStringLiteral("Ünïcødé/../../日本語"),
            QStringLiteral("..%2F..%2Fetc"),
            QStringLiteral(".hidden"),
            QStringLiteral("-rf")};
}

} // namespace

class TestOutputLayout : public QObject
{
    Q_OBJECT

private slots:
    void exportDirectory_data();
    void exportDirectory();
    void safeComponent_data();
    void safeComponent();
    void hostileDirectories_data();
    void hostileDirectories();
    void hostileFileNames_data();
    void hostileFileNames();
    void sequences();
    void sequencesAreUniqueForLookalikeTypes();
    void rememberAfterRestart();
};

void TestOutputLayout::exportDirectory_data()
{
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("id"); // group id or resource type
    QTest::addColumn<QString>("expected");

    QTest::newRow("group") << kDestination << "Oracle prod" << int(ExportLevel::Group) << "g-1"
                           << "/data/exports/Oracle_prod/group-g-1/20240131T091500Z";
    QTest::newRow("patient") << kDestination << "Epic" << int(ExportLevel::Patient) << QString()
                             << "/data/exports/Epic/patients/20240131T091500Z";
    QTest::newRow("system") << kDestination << "Epic" << int(ExportLevel::System) << QString()
                            << "/data/exports/Epic/system/20240131T091500Z";
    QTest::newRow("resource type") << kDestination << "InteropiO" << int(ExportLevel::ResourceType) << "Patient"
                                   << "/data/exports/InteropiO/type-Patient/20240131T091500Z";
    QTest::newRow("athenahealth group id") << kDestination << "athena" << int(ExportLevel::Group) << "a-1.c-195900"
                                           << "/data/exports/athena/group-a-1.c-195900/20240131T091500Z";
    QTest::newRow("no profile name: the host") << kDestination << QString() << int(ExportLevel::System) << QString()
                                               << "/data/exports/fhir.example.org/system/20240131T091500Z";
    QTest::newRow("destination with trailing slash")
        << QStringLiteral("/data/exports/") << "p" << int(ExportLevel::System) << QString()
        << "/data/exports/p/system/20240131T091500Z";
}

void TestOutputLayout::exportDirectory()
{
    QFETCH(QString, destination);
    QFETCH(QString, profile);
    QFETCH(int, level);
    QFETCH(QString, id);
    QFETCH(QString, expected);

    const auto l = ExportLevel(level);
    const ExportRequest r =
        request(l, l == ExportLevel::Group ? id : QString(), l == ExportLevel::ResourceType ? id : QString());
    QCOMPARE(OutputLayout::exportDirectory(destination, profile, r, kStarted), expected);
    // The time is the UTC time whatever zone it is given in.
    QCOMPARE(OutputLayout::exportDirectory(destination, profile, r, kStarted.toOffsetFromUtc(-8 * 3600)), expected);
}

void TestOutputLayout::safeComponent_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "Patient"
                           << "Patient";
    QTest::newRow("dots, dashes, underscores kept") << "a-1.c_2"
                                                    << "a-1.c_2";
    QTest::newRow("spaces") << "Oracle prod 2"
                            << "Oracle_prod_2";
    QTest::newRow("parent twice") << "../../etc"
                                  << "_.._etc";
    QTest::newRow("absolute") << "/abs"
                              << "_abs";
    QTest::newRow("dot dot") << ".."
                             << "_";
    QTest::newRow("dot") << "."
                         << "_";
    QTest::newRow("hidden") << ".hidden"
                            << "hidden";
    QTest::newRow("empty") << QString() << "_";
    QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << "a_b";
    QTest::newRow("non-ASCII run") << QStringLiteral("Zürich Süd") << "Z_rich_S_d";
    QTest::newRow("backslashes") << "..\\..\\x"
                                 << "_.._x";
    QTest::newRow("long is cut to 80") << QString(200, QLatin1Char('x')) << QString(80, QLatin1Char('x'));
}

void TestOutputLayout::safeComponent()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(OutputLayout::safeComponent(text), expected);
}

void TestOutputLayout::hostileDirectories_data()
{
    QTest::addColumn<QString>("text");
    const QStringList texts = hostile();
    for (qsizetype i = 0; i < texts.size(); ++i) {
        QTest::addRow("hostile %d", int(i)) << texts.at(i);
    }
}

void TestOutputLayout::hostileDirectories()
{
    QFETCH(QString, text);

    const QList<QPair<QString, ExportRequest>> cases{
        {text, request(ExportLevel::Group, text)},                   // hostile group id
        {text, request(ExportLevel::ResourceType, QString(), text)}, // hostile resource type
        {QStringLiteral("ok"), request(ExportLevel::Group, text)},   // hostile group id, plain profile
        {text, request(ExportLevel::System)},                        // hostile profile name
    };
    for (const auto &[profile, r] : cases) {
        const QString dir = OutputLayout::exportDirectory(kDestination, profile, r, kStarted);
        QVERIFY2(PrivateFiles::isInside(kDestination, dir), qPrintable(dir));
        QVERIFY2(dir != kDestination, qPrintable(dir));
        // Exactly <profile>/<scope>/<time> below the destination, each a real name.
        const QStringList parts = dir.mid(kDestination.size() + 1).split(QLatin1Char('/'));
        QCOMPARE(parts.size(), 3);
        for (const QString &part : parts) {
            QVERIFY2(!part.isEmpty() && part != QLatin1String(".") && part != QLatin1String(".."), qPrintable(dir));
            QVERIFY2(!part.startsWith(QLatin1Char('.')), qPrintable(dir));
            QVERIFY2(part.size() <= 80, qPrintable(dir));
            QVERIFY2(!part.contains(QChar(0)), qPrintable(dir));
        }
        QCOMPARE(parts.at(2), QStringLiteral("20240131T091500Z"));
    }
}

void TestOutputLayout::hostileFileNames_data()
{
    hostileDirectories_data();
}

void TestOutputLayout::hostileFileNames()
{
    QFETCH(QString, text);
    const QString dir = QStringLiteral("/data/exports/p/group-g/20240131T091500Z");
    OutputLayout layout;
    for (ManifestEntry::Kind kind :
         {ManifestEntry::Kind::Output, ManifestEntry::Kind::Error, ManifestEntry::Kind::Deleted}) {
        const QString name = layout.nextName(kind, text);
        const QString path = dir + QLatin1Char('/') + name;
        QVERIFY2(PrivateFiles::isInside(dir, path), qPrintable(name));
        QCOMPARE(QDir::cleanPath(path), path); // no "." or ".." or "//" to resolve
        const QStringList parts = name.split(QLatin1Char('/'));
        QCOMPARE(parts.size(), kind == ManifestEntry::Kind::Output ? 1 : 2);
        QVERIFY2(parts.last().endsWith(QLatin1String(".000001.ndjson")), qPrintable(name));
        QVERIFY2(!parts.last().startsWith(QLatin1Char('.')), qPrintable(name));
        QVERIFY2(parts.last().size() <= 80 + 14, qPrintable(name));
    }
}

void TestOutputLayout::sequences()
{
    using K = ManifestEntry::Kind;
    OutputLayout layout;
    // Page 1.
    QCOMPARE(layout.nextName(K::Output, QStringLiteral("Patient")), QStringLiteral("Patient.000001.ndjson"));
    QCOMPARE(layout.nextName(K::Output, QStringLiteral("Observation")), QStringLiteral("Observation.000001.ndjson"));
    QCOMPARE(layout.nextName(K::Output, QStringLiteral("Patient")), QStringLiteral("Patient.000002.ndjson"));
    QCOMPARE(layout.nextName(K::Error, QStringLiteral("OperationOutcome")),
             QStringLiteral("errors/OperationOutcome.000001.ndjson"));
    QCOMPARE(layout.nextName(K::Deleted, QStringLiteral("Bundle")), QStringLiteral("deleted/Bundle.000001.ndjson"));
    // Page 2 continues every sequence.
    QCOMPARE(layout.nextName(K::Output, QStringLiteral("Patient")), QStringLiteral("Patient.000003.ndjson"));
    QCOMPARE(layout.nextName(K::Error, QString()), QStringLiteral("errors/OperationOutcome.000002.ndjson"));
    QCOMPARE(layout.nextName(K::Deleted, QString()), QStringLiteral("deleted/Bundle.000002.ndjson"));
    // An output file of OperationOutcomes is not an error file: its own sequence, its own folder.
    QCOMPARE(layout.nextName(K::Output, QStringLiteral("OperationOutcome")),
             QStringLiteral("OperationOutcome.000001.ndjson"));
    // organizeOutputBy entries have no type.
    QCOMPARE(layout.nextName(K::Output, QString()), QStringLiteral("output.000001.ndjson"));
    QCOMPARE(layout.nextName(K::Output, QString()), QStringLiteral("output.000002.ndjson"));
    // A second layout (another export) starts afresh.
    OutputLayout other;
    QCOMPARE(other.nextName(K::Output, QStringLiteral("Patient")), QStringLiteral("Patient.000001.ndjson"));
}

void TestOutputLayout::sequencesAreUniqueForLookalikeTypes()
{
    // Types that sanitise to the same text share one sequence, so their files never collide.
    OutputLayout layout;
    QSet<QString> names;
    const QStringList types{QStringLiteral("a/b"), QStringLiteral("a:b"),    QStringLiteral("a b"),
                            QStringLiteral("a_b"), QStringLiteral("../a_b"), QStringLiteral(".a_b")};
    for (const QString &t : types) {
        for (int i = 0; i < 3; ++i) {
            names.insert(layout.nextName(ManifestEntry::Kind::Output, t));
        }
    }
    QCOMPARE(names.size(), types.size() * 3);
}

void TestOutputLayout::rememberAfterRestart()
{
    using K = ManifestEntry::Kind;
    OutputLayout layout;
    for (const char *name :
         {"Patient.000007.ndjson", "Patient.000003.ndjson", "errors/OperationOutcome.000002.ndjson",
          "deleted/Bundle.000010.ndjson", "manifest.json", "export.json", "Patient.ndjson", "Observation.abc.ndjson"}) {
        layout.remember(QLatin1String(name));
    }
    QCOMPARE(layout.nextName(K::Output, QStringLiteral("Patient")), QStringLiteral("Patient.000008.ndjson"));
    QCOMPARE(layout.nextName(K::Error, QString()), QStringLiteral("errors/OperationOutcome.000003.ndjson"));
    QCOMPARE(layout.nextName(K::Deleted, QStringLiteral("Bundle")), QStringLiteral("deleted/Bundle.000011.ndjson"));
    QCOMPARE(layout.nextName(K::Output, QStringLiteral("Observation")), QStringLiteral("Observation.000001.ndjson"));

    // Names assigned by nextName() are remembered as they were given, including sanitised ones.
    OutputLayout first;
    QStringList assigned;
    for (const QString &t : {QStringLiteral("../weird type"), QStringLiteral("Patient"), QStringLiteral("Patient")}) {
        assigned << first.nextName(K::Output, t);
    }
    OutputLayout restarted;
    for (const QString &n : std::as_const(assigned)) {
        restarted.remember(n);
    }
    QCOMPARE(restarted.nextName(K::Output, QStringLiteral("../weird type")),
             first.nextName(K::Output, QStringLiteral("../weird type")));
    QCOMPARE(restarted.nextName(K::Output, QStringLiteral("Patient")), QStringLiteral("Patient.000003.ndjson"));
}

QTEST_GUILESS_MAIN(TestOutputLayout)
#include "tst_outputlayout.moc"
