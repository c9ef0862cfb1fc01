#pragma once

#include <QLabel>
#include <QPointer>

class QAction;

// The reason an input is invalid, shown right under the field it belongs to: the style's warning icon and the
// sentence, in the palette's normal text colour (readable in light and dark themes; no hard-coded red). Hidden
// while there is nothing to say. The field gets the same sentence as tooltip and accessible description, so
// screen readers announce it with the field.
class FieldNote : public QLabel
{
    Q_OBJECT

public:
    explicit FieldNote(QWidget *field, QWidget *parent = nullptr);

    void setProblem(const QString &problem);
    // Names the note "<field's objectName>Note" (call after naming the field).
    void nameAfterField();
    QString problem() const { return m_problem; }

private:
    QPointer<QWidget> m_field;
    QAction *m_marker = nullptr; // owned by the field (line edits only)
    QString m_problem;
};
