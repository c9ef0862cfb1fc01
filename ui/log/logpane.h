#pragma once

#include <QWidget>

class LogFilterModel;
class LogModel;
class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;

// The Log pane: a LogModel (already redacted) filtered by minimum level, category and a search text, following
// new messages while scrolled to the end, and a Save log button (asks for a file without blocking, writes 0600).
// Ctrl+F moves to the search box while focus is inside the pane; everything else is reached with Tab. The pane has
// no mnemonics of its own, so it never takes an Alt+letter the main window uses.
//
// For the main window:  new LogPane(logModel, parent)   (the model outlives the pane; see LogModel::install()).
class LogPane : public QWidget
{
    Q_OBJECT

public:
    explicit LogPane(LogModel *model, QWidget *parent = nullptr);

    LogModel *model() const { return m_model; }
    LogFilterModel *filterModel() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QComboBox *levelBox() const { return m_level; }
    QComboBox *categoryBox() const { return m_category; }
    QLineEdit *searchEdit() const { return m_search; }

public slots:
    // Writes the whole log (not only what the filter shows) to `path`; false with a statusMessage on failure.
    bool saveTo(const QString &path);

signals:
    // What Save log did, in words, for the status bar.
    void statusMessage(const QString &text);

private:
    void chooseSaveFile();
    void refreshCategories();

    LogModel *m_model;
    LogFilterModel *m_filter;
    QComboBox *m_level;
    QComboBox *m_category;
    QLineEdit *m_search;
    QPushButton *m_save;
    QTableView *m_table;
};
