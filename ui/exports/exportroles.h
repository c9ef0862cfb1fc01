#pragma once

#include <Qt>

// Item data roles shared by the export models (ExportsModel, FilesModel) and ExportProgressDelegate. Declared once
// here, next to the models, so a delegate never defines what a model has to answer.
namespace ExportRoles {
enum : int {
    // The unformatted value of a cell, for sorting and tests: qint64 bytes, double bytes/s, QDateTime, int files…
    RawValue = Qt::UserRole + 1,
    // Progress columns only: double 0–100 for a determinate bar, -1 for an indeterminate (animated) one.
    // Any other column answers an invalid QVariant, which tells the delegate to paint the cell normally.
    Progress,
    // ExportsModel: the ExportJob * of the row (valid while the row exists).
    Job,
};
}
