#pragma once

#include "store/secretstore.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <memory>

// Decides at start-up where secrets go: asks the system keychain one harmless question (reads a key that does not
// exist) and keeps the keychain if it answers, or falls back to the session-only memory store — with a notice the
// UI shows and the CLI prints — if none answers. A locked keychain is kept (the user can unlock it) and reported.
//
// One run per object: start(), then exactly one finished(), never synchronously; then takeStore().
class SecretStoreProbe : public QObject
{
    Q_OBJECT

public:
    struct Outcome
    {
        bool persistent = false;                                // the keychain was chosen
        SecretResult::Status status = SecretResult::Status::Ok; // what the probe's read returned (NotFound = fine)
        QString notice; // empty when all is well; otherwise a sentence for the user
    };

    explicit SecretStoreProbe(const QString &service = QStringLiteral("Ferry"), QObject *parent = nullptr);
    ~SecretStoreProbe() override;

    // A keychain that does not answer within this time counts as absent (a prompt nobody sees, a hung D-Bus).
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    void start();
    // The chosen store, once finished() was emitted; the caller owns it. Null before that or when taken twice.
    std::unique_ptr<SecretStore> takeStore();

signals:
    void finished(const SecretStoreProbe::Outcome &outcome);

private:
    void decide(const SecretResult &result, bool timedOut);

    QString m_service;
    std::unique_ptr<SecretStore> m_keychain;
    std::unique_ptr<SecretStore> m_chosen;
    QTimer m_timer;
    std::chrono::milliseconds m_timeout{std::chrono::seconds(30)};
    bool m_done = false;
};
