#include "exportform/sincepicker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimeZone>

SincePicker::SincePicker(QWidget *parent)
    : QWidget(parent)
    , m_enabled(new QCheckBox(tr("Only changes since"), this))
    , m_edit(new QDateTimeEdit(this))
    , m_zone(new QComboBox(this))
    , m_last(new QPushButton(tr("Since last ex&port"), this))
    , m_note(new QLabel(this))
{
    m_enabled->setObjectName(QStringLiteral("sinceCheck"));
    m_edit->setObjectName(QStringLiteral("sinceEdit"));
    m_zone->setObjectName(QStringLiteral("sinceZoneCombo"));
    m_last->setObjectName(QStringLiteral("sinceLastButton"));
    m_note->setObjectName(QStringLiteral("sinceNote"));
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_edit->setDateTime(QDateTime(QDate::currentDate().addMonths(-1), QTime(0, 0)));
    m_edit->setAccessibleName(tr("Changes since"));
    m_zone->setAccessibleName(tr("Time zone"));
    m_note->setWordWrap(true);
    setFocusProxy(m_enabled); // the form label's mnemonic lands on the check box

    m_zone->addItem(tr("UTC"), QByteArray("UTC"));
    const QByteArray local = QTimeZone::systemTimeZoneId();
    if (!local.isEmpty() && local != "UTC") {
        m_zone->addItem(tr("Local (%1)").arg(QString::fromLatin1(local)), local);
    }
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        if (id != "UTC" && id != local) {
            m_zone->addItem(QString::fromLatin1(id), id);
        }
    }
    m_zone->setMaxVisibleItems(20);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_enabled, 0, 0);
    layout->addWidget(m_edit, 0, 1);
    layout->addWidget(m_zone, 0, 2);
    layout->addWidget(m_last, 0, 3);
    layout->setColumnStretch(4, 1);
    layout->addWidget(m_note, 1, 0, 1, 5);

    connect(m_enabled, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        emit changed();
    });
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, &SincePicker::changed);
    connect(m_zone, &QComboBox::currentIndexChanged, this, &SincePicker::changed);
    connect(m_last, &QPushButton::clicked, this, [this] {
        if (m_lastExport) {
            setSince(m_lastExport);
        }
    });
    setLastExport(std::nullopt);
    setWarning({});
    updateEnabled();
}

void SincePicker::updateEnabled()
{
    m_edit->setEnabled(m_enabled->isChecked());
    m_zone->setEnabled(m_enabled->isChecked());
}

std::optional<QDateTime> SincePicker::since() const
{
    if (!m_enabled->isChecked()) {
        return std::nullopt;
    }
    const QTimeZone zone(m_zone->currentData().toByteArray());
    const QDateTime shown = m_edit->dateTime();
    return QDateTime(shown.date(), shown.time(), zone.isValid() ? zone : QTimeZone::utc());
}

void SincePicker::setSince(const std::optional<QDateTime> &since)
{
    if (!since) {
        m_enabled->setChecked(false);
        return;
    }
    // Shown in UTC, exactly as the server reported it (transactionTime is an instant).
    m_zone->setCurrentIndex(0);
    const QDateTime utc = since->toUTC();
    m_edit->setDateTime(QDateTime(utc.date(), utc.time()));
    m_enabled->setChecked(true);
    emit changed();
}

void SincePicker::setLastExport(const std::optional<QDateTime> &transactionTime)
{
    m_lastExport = transactionTime;
    m_last->setEnabled(transactionTime.has_value());
    m_last->setToolTip(transactionTime ? tr("The last complete export of this server and group was as of %1 (UTC).")
                                             .arg(transactionTime->toUTC().toString(Qt::ISODate))
                                       : tr("No complete export of this server and group yet."));
}

void SincePicker::setWarning(const QString &warning)
{
    m_note->setText(warning);
    m_note->setVisible(!warning.isEmpty());
}
