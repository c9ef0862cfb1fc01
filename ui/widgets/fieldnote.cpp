#include "widgets/fieldnote.h"

#include <QAction>
#include <QLineEdit>
#include <QStyle>

FieldNote::FieldNote(QWidget *field, QWidget *parent)
    : QLabel(parent)
    , m_field(field)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
    nameAfterField();
    if (auto *edit = qobject_cast<QLineEdit *>(field)) {
        // The style's warning icon inside the field itself: scales with the display, follows the theme.
        m_marker = edit->addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::TrailingPosition);
        m_marker->setVisible(false);
    }
}

void FieldNote::nameAfterField()
{
    if (m_field) {
        setObjectName(m_field->objectName() + QStringLiteral("Note"));
    }
}

void FieldNote::setProblem(const QString &problem)
{
    if (problem == m_problem) {
        return;
    }
    m_problem = problem;
    setText(problem.isEmpty() ? QString() : QStringLiteral("\u26A0 ") + problem);
    setVisible(!problem.isEmpty());
    if (m_marker) {
        m_marker->setVisible(!problem.isEmpty());
        m_marker->setToolTip(problem);
    }
    if (m_field) {
        m_field->setToolTip(problem);
        m_field->setAccessibleDescription(problem);
    }
}
