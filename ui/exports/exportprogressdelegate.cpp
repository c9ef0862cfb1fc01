#include "exports/exportprogressdelegate.h"

#include "exports/exportroles.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

#include <utility>

namespace {
constexpr int kFrameMs = 50;        // 20 frames per second is smooth enough for a busy indicator
constexpr qint64 kSweepMs = 1600;   // one pass of the chunk across the groove
constexpr double kChunkShare = 0.3; // the chunk's share of the groove
constexpr int kBarMaximum = 1000;   // per mille: smooth for big exports without overflowing int
} // namespace

ExportProgressDelegate::ExportProgressDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{
    m_phase.start();
    m_timer.setInterval(kFrameMs);
    connect(&m_timer, &QTimer::timeout, this, &ExportProgressDelegate::animate);
}

void ExportProgressDelegate::animate()
{
    if (m_indeterminate.isEmpty() || !m_view) {
        m_timer.stop();
        return;
    }
    const QRegion cells = std::exchange(m_indeterminate, QRegion());
    m_view->viewport()->update(cells);
}

void ExportProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    const QVariant progress = index.data(ExportRoles::Progress);
    if (!progress.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();

    // The selection background first, so a selected row stays visibly selected behind its bar.
    item.text.clear();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &item, painter, widget);

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    QStyleOptionProgressBar bar;
    bar.initFrom(widget ? widget : m_view.data());
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.rect = option.rect.adjusted(margin, margin, -margin, -margin);
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    bar.minimum = 0;
    bar.maximum = kBarMaximum;
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.text = index.data(Qt::DisplayRole).toString();

    const double value = progress.toDouble();
    if (value >= 0) {
        bar.progress = qBound(0, qRound(value * kBarMaximum / 100.0), kBarMaximum);
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
        return;
    }

    // Indeterminate: the groove, a full chunk clipped to a window that sweeps across it, then the label. Drawn
    // from the style's own parts so it matches determinate bars in every style and palette.
    if (m_view && widget == m_view) { // option.rect is in the view's viewport coordinates
        m_indeterminate += option.rect;
        if (!m_timer.isActive()) {
            m_timer.start();
        }
    }
    bar.progress = 0;
    style->drawControl(QStyle::CE_ProgressBarGroove, &bar, painter, widget);
    const QRect contents = style->subElementRect(QStyle::SE_ProgressBarContents, &bar, widget);
    const int chunkWidth = std::max(1, int(contents.width() * kChunkShare));
    const double phase = double(m_phase.elapsed() % kSweepMs) / kSweepMs;
    const int x = contents.left() - chunkWidth + int(phase * (contents.width() + chunkWidth));
    QStyleOptionProgressBar chunk = bar;
    chunk.rect = contents;
    chunk.progress = kBarMaximum;
    painter->save();
    painter->setClipRect(QRect(x, contents.top(), chunkWidth, contents.height()).intersected(contents));
    style->drawControl(QStyle::CE_ProgressBarContents, &chunk, painter, widget);
    painter->restore();
    if (!bar.text.isEmpty()) {
        bar.rect = style->subElementRect(QStyle::SE_ProgressBarLabel, &bar, widget);
        style->drawControl(QStyle::CE_ProgressBarLabel, &bar, painter, widget);
    }
}

QSize ExportProgressDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.data(ExportRoles::Progress).isValid()) {
        // Wide enough for a readable bar with "100%" in it, in the font's own units (HiDPI-clean).
        size.setWidth(std::max(size.width(), option.fontMetrics.horizontalAdvance(QStringLiteral("0")) * 14));
        const QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameVMargin, nullptr, option.widget) + 1;
        size.setHeight(std::max(size.height(), option.fontMetrics.height() + 2 * margin));
    }
    return size;
}
