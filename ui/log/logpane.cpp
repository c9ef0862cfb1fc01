#include "log/logpane.h"

#include "log/logfiltermodel.h"
#include "log/logmodel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

LogPane::LogPane(LogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new LogFilterModel(this))
    , m_level(new QComboBox(this))
    , m_category(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_save(new QPushButton(tr("Save log…"), this))
    , m_table(new QTableView(this))
{
    m_filter->setSourceModel(model);

    m_level->setObjectName(QStringLiteral("logLevelBox"));
    m_level->addItem(tr("Debug and above"), 0);
    m_level->addItem(tr("Info and above"), 1);
    m_level->addItem(tr("Warnings and errors"), 2);
    m_level->addItem(tr("Errors only"), 3);
    m_level->setCurrentIndex(1);
    m_filter->setMinimumSeverity(1);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumSeverity(m_level->currentData().toInt()); });

    m_category->setObjectName(QStringLiteral("logCategoryBox"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    refreshCategories();
    connect(model, &LogModel::categoriesChanged, this, &LogPane::refreshCategories);
    connect(m_category, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setCategory(m_category->currentData().toString()); });

    m_search->setObjectName(QStringLiteral("logSearchEdit"));
    m_search->setPlaceholderText(tr("Search the log"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_filter, &LogFilterModel::setSearchText);
    auto *find = new QAction(tr("Find in log"), this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);

    m_save->setObjectName(QStringLiteral("saveLogButton"));
    m_save->setToolTip(tr("Save the whole log (secrets already removed) to a file"));
    connect(m_save, &QPushButton::clicked, this, &LogPane::chooseSaveFile);

    m_table->setObjectName(QStringLiteral("logTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Log"));
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_table->setColumnWidth(LogModel::Time, em * 7);
    m_table->setColumnWidth(LogModel::Level, em * 5);
    m_table->setColumnWidth(LogModel::Category, em * 8);

    // Follow new messages only while the view is at its end, so reading older ones is not disturbed.
    auto following = std::make_shared<bool>(true);
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this, following] {
        const QScrollBar *bar = m_table->verticalScrollBar();
        *following = bar->value() >= bar->maximum();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this, following] {
        if (*following) {
            m_table->scrollToBottom();
        }
    });

    auto *levelLabel = new QLabel(tr("Level:"), this);
    levelLabel->setBuddy(m_level);
    auto *categoryLabel = new QLabel(tr("Category:"), this);
    categoryLabel->setBuddy(m_category);
    auto *searchLabel = new QLabel(tr("Search:"), this);
    searchLabel->setBuddy(m_search);

    auto *bar = new QHBoxLayout;
    bar->addWidget(levelLabel);
    bar->addWidget(m_level);
    bar->addWidget(categoryLabel);
    bar->addWidget(m_category);
    bar->addWidget(searchLabel);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table);
    setFocusProxy(m_table);
}

void LogPane::refreshCategories()
{
    const QString current = m_category->currentData().toString();
    const QSignalBlocker block(m_category);
    m_category->clear();
    m_category->addItem(tr("All categories"), QString());
    for (const QString &c : m_model->categories()) {
        m_category->addItem(c, c);
    }
    m_category->setCurrentIndex(std::max(0, m_category->findData(current)));
}

void LogPane::chooseSaveFile()
{
    auto *dialog = new QFileDialog(this, tr("Save log"), QDir::homePath() + QStringLiteral("/ferry.log"),
                                   tr("Log files (*.log *.txt);;All files (*)"));
    dialog->setObjectName(QStringLiteral("saveLogDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    connect(dialog, &QFileDialog::fileSelected, this, &LogPane::saveTo);
    dialog->open();
}

bool LogPane::saveTo(const QString &path)
{
    QString error;
    if (!m_model->save(path, &error)) {
        emit statusMessage(tr("Could not save the log: %1").arg(error));
        return false;
    }
    emit statusMessage(tr("Log saved to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}
