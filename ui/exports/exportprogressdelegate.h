#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QRegion>
#include <QStyledItemDelegate>
#include <QTimer>

class QAbstractItemView;

// Paints a progress bar in every cell that answers ExportRoles::Progress (ExportsModel::Progress,
// FilesModel::Progress) through the view's style (QStyle::CE_ProgressBar): no widget per row. A value of 0–100
// is a determinate bar labelled with the cell's DisplayRole; -1 is indeterminate: a chunk sweeping across the
// groove. Other cells are painted as QStyledItemDelegate does.
//
// Indeterminate bars animate only while one was painted recently: painting one (re)starts a timer that repaints
// just the cells where indeterminate bars were painted; when a tick finds that none was painted since the last
// one (scrolled away, or now determinate), the timer stops. Set the delegate on the view that is passed in (it
// needs the view to repaint).
class ExportProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit ExportProgressDelegate(QAbstractItemView *view);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // True while indeterminate bars are being animated (tests).
    bool isAnimating() const { return m_timer.isActive(); }

private:
    void animate();

    QPointer<QAbstractItemView> m_view;
    mutable QTimer m_timer;
    mutable QRegion m_indeterminate; // viewport cells painted with an indeterminate bar since the last frame
    QElapsedTimer m_phase;
};
