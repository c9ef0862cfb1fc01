#pragma once

#include <QSortFilterProxyModel>

// What LogPane shows of a LogModel: entries at or above a minimum severity (LogModel::severity), of one category
// (empty: all), whose message or category contains the search text (case-insensitive).
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LogFilterModel(QObject *parent = nullptr);

    int minimumSeverity() const { return m_minimumSeverity; }
    void setMinimumSeverity(int severity);
    QString category() const { return m_category; }
    void setCategory(const QString &category);
    QString searchText() const { return m_search; }
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    int m_minimumSeverity = 0;
    QString m_category;
    QString m_search;
};
