#include "sandbox/firstrunbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

FirstRunBanner::FirstRunBanner(QWidget *parent)
    : QFrame(parent)
    , m_sandboxButton(new QPushButton(tr("Use the &Sandbox"), this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("firstRunBanner"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);
    m_sandboxButton->setObjectName(QStringLiteral("useSandboxButton"));
    m_message->setObjectName(QStringLiteral("firstRunMessage"));
    m_message->setWordWrap(true);
    m_message->setVisible(false);

    auto *text = new QLabel(tr("No servers yet. Try Ferry on its built-in Sandbox — a FHIR server on this computer "
                               "with synthetic patients, no account needed — or add your EHR's server."),
                            this);
    text->setWordWrap(true);
    auto *addButton = new QPushButton(tr("&Add a server…"), this);
    addButton->setObjectName(QStringLiteral("addServerButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_sandboxButton);
    buttons->addWidget(addButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_sandboxButton, &QPushButton::clicked, this, &FirstRunBanner::sandboxRequested);
    connect(addButton, &QPushButton::clicked, this, &FirstRunBanner::addServerRequested);
}

void FirstRunBanner::setBusy(bool busy)
{
    m_sandboxButton->setEnabled(!busy);
    if (busy) {
        setMessage(tr("Starting the sandbox server…"));
    }
}

void FirstRunBanner::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}
