#pragma once

#include "fhir/exportrequest.h"
#include "store/serverprofile.h"

#include <QWidget>

#include <optional>

class AdvancedOptions;
class AppServices;
class ExportJob;
class FieldNote;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;
class SincePicker;
class TypeChecklist;

// The export form for the server (and group) selected in the servers pane: level, group, _type, _since,
// Advanced, destination folder, and a live preview of the exact kick-off request. Parameters the vendor preset
// does not support are hidden; a problem is marked at its field with the reason, and Export stays disabled until
// there is none. Export builds an ExportRecord and hands it to ExportManager::start().
class ExportForm : public QWidget
{
    Q_OBJECT

public:
    explicit ExportForm(AppServices *services, QWidget *parent = nullptr);
    ~ExportForm() override;

    // The profile to export from (empty: none); `groupId` preselects a group.
    void setProfile(const QString &profileId, const QString &groupId = {});
    QString profileId() const { return m_profile ? m_profile->id : QString(); }

    ExportRequest currentRequest() const;
    QStringList problems() const { return m_problems; }
    QString previewText() const;
    // Starts the export described by the form; null (and nothing sent) when the form is not valid.
    ExportJob *startExport();

    QPushButton *exportButton() const { return m_exportButton; }
    QComboBox *levelCombo() const { return m_level; }
    QComboBox *groupCombo() const { return m_group; }
    FieldNote *groupNote() const { return m_groupNote; }
    TypeChecklist *typeChecklist() const { return m_types; }
    SincePicker *sincePicker() const { return m_since; }
    AdvancedOptions *advancedOptions() const { return m_advanced; }
    QLineEdit *destinationEdit() const { return m_destination; }
    QPlainTextEdit *preview() const { return m_preview; }

signals:
    void exportStarted(ExportJob *job);
    // Export became possible or impossible (for the menu action).
    void validityChanged(bool valid);

private:
    void buildLayout();
    void levelChanged();
    void update();
    QString groupId() const;
    void chooseDestination();
    void rememberTypes();
    void markProblems(const QStringList &problems, const ExportRequest &request);

    AppServices *m_services;
    std::optional<ServerProfile> m_profile;
    VendorProfile m_vendor;
    QStringList m_problems;
    bool m_updating = false;

    QLabel *m_title;
    QFormLayout *m_form;
    QComboBox *m_level;
    FieldNote *m_levelNote;
    QComboBox *m_group;
    FieldNote *m_groupNote;
    QComboBox *m_resourceType;
    FieldNote *m_resourceTypeNote;
    TypeChecklist *m_types;
    FieldNote *m_typesNote;
    SincePicker *m_since;
    FieldNote *m_sinceNote;
    QToolButton *m_advancedToggle;
    AdvancedOptions *m_advanced;
    QLineEdit *m_destination;
    FieldNote *m_destinationNote;
    QPlainTextEdit *m_preview;
    QLabel *m_generalProblems;
    QPushButton *m_exportButton;
};
