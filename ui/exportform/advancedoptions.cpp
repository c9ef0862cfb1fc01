#include "exportform/advancedoptions.h"

#include "fhir/exportrequest.h"
#include "widgets/fieldnote.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>

AdvancedOptions::AdvancedOptions(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout(this))
    , m_elements(new QLineEdit(this))
    , m_typeFilters(new QPlainTextEdit(this))
    , m_outputFormat(new QComboBox(this))
    , m_encoding(new QComboBox(this))
    , m_parallel(new QSpinBox(this))
    , m_delete(new QCheckBox(tr("Ask the server to delete its cop&y once every file is verified"), this))
    , m_elementsNote(new FieldNote(m_elements, this))
    , m_typeFiltersNote(new FieldNote(m_typeFilters, this))
{
    m_elements->setObjectName(QStringLiteral("elementsEdit"));
    m_typeFilters->setObjectName(QStringLiteral("typeFiltersEdit"));
    m_outputFormat->setObjectName(QStringLiteral("outputFormatCombo"));
    m_encoding->setObjectName(QStringLiteral("encodingCombo"));
    m_parallel->setObjectName(QStringLiteral("parallelSpin"));
    m_delete->setObjectName(QStringLiteral("deleteAfterCheck"));
    m_elementsNote->nameAfterField();
    m_typeFiltersNote->nameAfterField();
    m_form->setContentsMargins(0, 0, 0, 0);

    m_elements->setPlaceholderText(tr("e.g. id, meta, code (empty: whole resources)"));
    m_typeFilters->setPlaceholderText(tr("One per line, e.g. Observation?category=laboratory"));
    m_typeFilters->setTabChangesFocus(true);
    m_typeFilters->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_typeFilters->setMaximumHeight(m_typeFilters->fontMetrics().lineSpacing() * 5);
    m_outputFormat->setEditable(true);
    m_outputFormat->addItem(QString());
    m_outputFormat->addItem(QStringLiteral("application/fhir+ndjson"));
    m_outputFormat->addItem(QStringLiteral("application/ndjson"));
    m_outputFormat->addItem(QStringLiteral("ndjson"));
    m_outputFormat->setToolTip(tr("Empty: the server's default (NDJSON)."));
    m_encoding->addItem(tr("GET, comma-separated values"), int(ParameterEncoding::GetCommaJoined));
    m_encoding->addItem(tr("GET, repeated parameters"), int(ParameterEncoding::GetRepeated));
    m_encoding->addItem(tr("POST, FHIR Parameters body"), int(ParameterEncoding::PostParameters));
    m_parallel->setRange(1, 16);

    m_form->addRow(tr("_ele&ments:"), m_elements);
    m_form->addRow(QString(), m_elementsNote);
    m_form->addRow(tr("_typeF&ilter:"), m_typeFilters);
    m_form->addRow(QString(), m_typeFiltersNote);
    m_form->addRow(tr("_outputFo&rmat:"), m_outputFormat);
    m_form->addRow(tr("&Kick-off as:"), m_encoding);
    m_form->addRow(tr("Parallel do&wnloads:"), m_parallel);
    m_form->addRow(QString(), m_delete);

    connect(m_elements, &QLineEdit::textChanged, this, &AdvancedOptions::changed);
    connect(m_typeFilters, &QPlainTextEdit::textChanged, this, &AdvancedOptions::changed);
    connect(m_outputFormat, &QComboBox::currentTextChanged, this, &AdvancedOptions::changed);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &AdvancedOptions::changed);
    connect(m_parallel, &QSpinBox::valueChanged, this, &AdvancedOptions::changed);
    connect(m_delete, &QCheckBox::toggled, this, &AdvancedOptions::changed);
}

void AdvancedOptions::setVendor(const VendorProfile &vendor)
{
    const bool elements = vendor.supportsParameter(QStringLiteral("_elements"));
    const bool filters = vendor.supportsParameter(QStringLiteral("_typeFilter"));
    const bool format = vendor.supportsParameter(QStringLiteral("_outputFormat"));
    m_form->setRowVisible(m_elements, elements);
    m_form->setRowVisible(m_elementsNote, elements && !m_elementsNote->problem().isEmpty());
    m_form->setRowVisible(m_typeFilters, filters);
    m_form->setRowVisible(m_typeFiltersNote, filters && !m_typeFiltersNote->problem().isEmpty());
    m_form->setRowVisible(m_outputFormat, format);
    if (!elements) {
        m_elements->clear();
    }
    if (!filters) {
        m_typeFilters->clear();
    }
    m_encoding->setCurrentIndex(m_encoding->findData(int(vendor.encoding)));
}

void AdvancedOptions::setDefaults(int parallelDownloads, bool deleteAfterDownload)
{
    m_parallel->setValue(parallelDownloads);
    m_delete->setChecked(deleteAfterDownload);
}

void AdvancedOptions::apply(ExportRequest *request) const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    request->elements = m_elements->text().split(separators, Qt::SkipEmptyParts);
    request->typeFilters.clear();
    for (const QString &line : m_typeFilters->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty()) {
            request->typeFilters << line.trimmed();
        }
    }
    request->outputFormat = m_outputFormat->currentText().trimmed();
    request->encoding = ParameterEncoding(m_encoding->currentData().toInt());
}

int AdvancedOptions::parallelDownloads() const
{
    return m_parallel->value();
}

bool AdvancedOptions::deleteAfterDownload() const
{
    return m_delete->isChecked();
}

QStringList AdvancedOptions::claimProblems(const QStringList &problems)
{
    QStringList elements;
    QStringList filters;
    for (const QString &p : problems) {
        if (p.contains(QLatin1String("_typeFilter"))) {
            filters << p;
        } else if (p.contains(QLatin1String("_elements"))) {
            elements << p;
        }
    }
    m_elementsNote->setProblem(elements.join(QLatin1Char(' ')));
    m_typeFiltersNote->setProblem(filters.join(QLatin1Char(' ')));
    m_form->setRowVisible(m_elementsNote, !elements.isEmpty());
    m_form->setRowVisible(m_typeFiltersNote, !filters.isEmpty());
    return elements + filters;
}
