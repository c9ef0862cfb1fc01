#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;
class TypeChecklistModel;
struct VendorProfile;

// _type as a searchable checklist: a filter box, the types with check boxes, one-click sets (US Core / USCDI,
// the preset's supported list, all, none) and the preset's advice about types right above the list. No type
// checked means "every type the server exports" (no _type parameter), and the checklist says so.
class TypeChecklist : public QWidget
{
    Q_OBJECT

public:
    explicit TypeChecklist(QWidget *parent = nullptr);

    void setVendor(const VendorProfile &vendor);
    QStringList checked() const;
    void setChecked(const QStringList &types);
    TypeChecklistModel *model() const { return m_model; }
    QLineEdit *filterEdit() const { return m_filter; }
    QListView *view() const { return m_view; }

signals:
    void changed();

private:
    void updateSummary();

    TypeChecklistModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QListView *m_view;
    QLabel *m_advice;
    QLabel *m_summary;
    QPushButton *m_vendorButton;
    QStringList m_vendorTypes;
};
