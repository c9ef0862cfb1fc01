#pragma once

#include "vendor/vendorprofile.h"

#include <QStringList>
#include <QWidget>

class FieldNote;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
struct ExportRequest;

// The export form's Advanced section: _elements, _typeFilter (one query per line), _outputFormat, how the
// kick-off carries its parameters (GET or POST), files downloaded at once, and DELETE on the server after the
// download. Parameters the preset does not support are hidden.
class AdvancedOptions : public QWidget
{
    Q_OBJECT

public:
    explicit AdvancedOptions(QWidget *parent = nullptr);

    void setVendor(const VendorProfile &vendor);
    // Sets the parallel and delete defaults (the profile's, else the preset's).
    void setDefaults(int parallelDownloads, bool deleteAfterDownload);
    // Fills the request's advanced parameters.
    void apply(ExportRequest *request) const;
    int parallelDownloads() const;
    bool deleteAfterDownload() const;

    // Marks the problems of its own fields (sentences from ExportRequest::validate); returns those it claimed.
    QStringList claimProblems(const QStringList &problems);

    QLineEdit *elementsEdit() const { return m_elements; }
    QPlainTextEdit *typeFiltersEdit() const { return m_typeFilters; }
    QComboBox *encodingCombo() const { return m_encoding; }

signals:
    void changed();

private:
    QFormLayout *m_form;
    QLineEdit *m_elements;
    QPlainTextEdit *m_typeFilters;
    QComboBox *m_outputFormat;
    QComboBox *m_encoding;
    QSpinBox *m_parallel;
    QCheckBox *m_delete;
    FieldNote *m_elementsNote;
    FieldNote *m_typeFiltersNote;
};
