#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

// Shown while there is no server profile: offers the built-in Sandbox (a local FHIR server with synthetic
// patients, so a new user can press Export at once) or adding a real server.
class FirstRunBanner : public QFrame
{
    Q_OBJECT

public:
    explicit FirstRunBanner(QWidget *parent = nullptr);

    QPushButton *sandboxButton() const { return m_sandboxButton; }
    void setBusy(bool busy);
    void setMessage(const QString &message);

signals:
    void sandboxRequested();
    void addServerRequested();

private:
    QPushButton *m_sandboxButton;
    QLabel *m_message;
};
