// MainWindow: the shell's panels, menus reachable by keyboard, and geometry remembered between runs.

#include "uitestenv.h"

#include "app/appservices.h"
#include "mainwindow.h"
#include "servers/serverspane.h"
#include "settings/uisettings.h"

#include <QAction>
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

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
