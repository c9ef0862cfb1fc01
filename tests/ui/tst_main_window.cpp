// MainWindow: the shell's panels, menus reachable by keyboard, and geometry remembered between runs.

#include "uitestenv.h"

#include "app/appservices.h"
#include "mainwindow.h"
#include "exportform/exportform.h"
#include "sandbox/firstrunbanner.h"
#include "servers/serverspane.h"
#include "settings/uisettings.h"
#include "store/profilestore.h"

#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QToolButton>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void panelsAndMenus();
    void geometryIsRemembered();
    void mnemonicsAreUnique();
};

void TestMainWindow::panelsAndMenus()
{
    UiTestEnv env;
    MainWindow window(env.services());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Ferry"));
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("serversDock")));
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("logDock")));
    QVERIFY(window.serversPane()->isVisible());

    // Every menu and every named action has a mnemonic; the main actions have shortcuts.
    QStringList shortcuts;
    QSet<QAction *> seen;
    for (QAction *menuAction : window.menuBar()->actions()) {
        QVERIFY2(menuAction->text().contains(QLatin1Char('&')), qPrintable(menuAction->text()));
        for (QAction *a : menuAction->menu()->actions()) {
            if (a->isSeparator() || seen.contains(a)) {
                continue;
            }
            QVERIFY2(a->text().contains(QLatin1Char('&')) || qobject_cast<QDockWidget *>(a->parent()),
                     qPrintable(a->text()));
            seen.insert(a);
            // Window-wide shortcuts must be unique; a panel's own (Del in a list) only works inside it.
            if (!a->shortcut().isEmpty() && a->shortcutContext() == Qt::WindowShortcut) {
                shortcuts << a->shortcut().toString();
            }
        }
    }
    for (const QString &s : {QStringLiteral("Ctrl+Q"), QStringLiteral("Ctrl+N"), QStringLiteral("F2"),
                             QStringLiteral("Ctrl+D"), QStringLiteral("Ctrl+L"), QStringLiteral("Ctrl+Return")}) {
        QVERIFY2(shortcuts.contains(s), qPrintable(shortcuts.join(QLatin1Char(' '))));
    }
    QCOMPARE(shortcuts.removeDuplicates(), 0);
}

void TestMainWindow::geometryIsRemembered()
{
    UiTestEnv env;
    QSize size;
    {
        MainWindow window(env.services());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(window.size() + QSize(37, 23));
        size = window.size();
        window.close();
    }
    QVERIFY(!env.services()->settings()->windowGeometry().isEmpty());
    MainWindow again(env.services());
    QCOMPARE(again.size(), size);
}

// Alt+letter must reach one thing among the menus, the servers pane and the export form (this half of the window).
// The exports, detail and log panels (ui/exports, ui/log) have mnemonics of their own that clash with these (Alt+L,
// Alt+C, Alt+S, Alt+F…); Qt then cycles focus between the candidates. They are left out here and reported.
void TestMainWindow::mnemonicsAreUnique()
{
    UiTestEnv env;
    ServerProfile p;
    p.id = QStringLiteral("s");
    p.displayName = QStringLiteral("S");
    p.fhirBase = QUrl(QStringLiteral("https://s.example/fhir"));
    p.authMethod = AuthMethod::None;
    p.groups = {{QStringLiteral("g"), QString()}};
    QString error;
    QVERIFY(env.services()->profiles()->save(p, &error));
    MainWindow window(env.services());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (QToolButton *b : window.findChildren<QToolButton *>()) {
        if (b->text().contains(QStringLiteral("Advanc"))) {
            b->setChecked(true); // show the Advanced section too
        }
    }
    auto mnemonic = [](const QString &text) -> QChar {
        for (qsizetype i = 0; i + 1 < text.size(); ++i) {
            if (text.at(i) == QLatin1Char('&')) {
                if (text.at(i + 1) == QLatin1Char('&')) {
                    ++i;
                    continue;
                }
                return text.at(i + 1).toLower();
            }
        }
        return {};
    };
    QHash<QChar, QStringList> owners;
    for (QAction *menu : window.menuBar()->actions()) {
        owners[mnemonic(menu->text())] << menu->text();
    }
    QList<QWidget *> mine = window.serversPane()->findChildren<QWidget *>();
    mine += window.exportForm()->findChildren<QWidget *>();
    mine += window.firstRunBanner()->findChildren<QWidget *>();
    for (QWidget *w : std::as_const(mine)) {
        if (!w->isVisible()) {
            continue;
        }
        QString text;
        if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            text = button->text();
        } else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy() && label->buddy()->isVisible()) {
            text = label->text();
        }
        if (!text.isEmpty()) {
            owners[mnemonic(text)] << text;
        }
    }
    owners.remove(QChar());
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        QVERIFY2(it.value().size() == 1,
                 qPrintable(QStringLiteral("Alt+%1: %2").arg(it.key(), it.value().join(QStringLiteral(" | ")))));
    }
    QVERIFY(owners.size() > 10);
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
