#pragma once

#include <QDateTime>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;

// _since: "only resources changed since" a date and time in a chosen time zone, or the transactionTime of the
// last complete export of the same server and group ("Since last export", from ExportHistory). Unticked means
// no _since: everything.
class SincePicker : public QWidget
{
    Q_OBJECT

public:
    explicit SincePicker(QWidget *parent = nullptr);

    std::optional<QDateTime> since() const;
    void setSince(const std::optional<QDateTime> &since);
    // The last complete export's transactionTime (nullopt: none yet, the button is disabled).
    void setLastExport(const std::optional<QDateTime> &transactionTime);
    // The preset's caution about _since (Epic: no meta.lastUpdated), shown under the picker.
    void setWarning(const QString &warning);

    QCheckBox *enabledBox() const { return m_enabled; }
    QDateTimeEdit *dateTimeEdit() const { return m_edit; }
    QComboBox *zoneCombo() const { return m_zone; }
    QPushButton *lastExportButton() const { return m_last; }

signals:
    void changed();

private:
    void updateEnabled();

    QCheckBox *m_enabled;
    QDateTimeEdit *m_edit;
    QComboBox *m_zone;
    QPushButton *m_last;
    QLabel *m_note;
    std::optional<QDateTime> m_lastExport;
};
