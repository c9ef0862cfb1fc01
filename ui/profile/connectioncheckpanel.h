#pragma once

#include "fhir/exportrequest.h"
#include "preflight/connectioncheck.h"
#include "preflight/preflightreport.h"
#include "store/serverprofile.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class AppServices;
class Authorizer;
class AuthorizerFactory;
class QLabel;
class QPushButton;
class QTextBrowser;

// "Check connection" in the profile editor: builds the authorizer from the profile as edited (with the secrets
// typed but not yet saved) and runs core's ConnectionCheck, listing each step as it finishes in plain words with
// what to do next. Changes nothing on the server.
class ConnectionCheckPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionCheckPanel(AppServices *services, QWidget *parent = nullptr);
    ~ConnectionCheckPanel() override;

    // `request` (level, group, _type of the export form) is what the check compares with; without one the profile's
    // first group and default types.
    void start(const ServerProfile &profile, const QHash<QString, QString> &pendingSecrets,
               const std::optional<ExportRequest> &request = std::nullopt);
    bool isRunning() const { return m_running; }
    QString reportText() const;
    QPushButton *checkButton() const { return m_checkButton; }

signals:
    void checkRequested();
    // One line for the servers pane, and when the token obtained during the check expires (invalid: none).
    void finished(const QString &summary, const QDateTime &tokenExpires);

private:
    void run(const ServerProfile &profile, const std::optional<ExportRequest> &request);
    void startCheck(const ConnectionCheck::Input &input);
    void appendStep(const PreflightStep &step);
    void done(const PreflightReport &report);
    void setRunning(bool running);

    AppServices *m_services;
    std::unique_ptr<AuthorizerFactory> m_factory;
    std::unique_ptr<Authorizer> m_authorizer;
    QPointer<ConnectionCheck> m_check;
    PreflightReport m_report;
    bool m_running = false;
    QPushButton *m_checkButton;
    QPushButton *m_copyButton;
    QLabel *m_summary;
    QTextBrowser *m_steps;
};
