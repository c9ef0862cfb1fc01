#include "store/secretstoreprobe.h"

#include "store/keychainsecretstore.h"
#include "store/memorysecretstore.h"
#include "util/logging.h"

namespace {
const QString kProbeKey = QStringLiteral("ferry-probe/does-not-exist");
}

SecretStoreProbe::SecretStoreProbe(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    m_timer.setSingleShot(true);
}

SecretStoreProbe::~SecretStoreProbe() = default;

void SecretStoreProbe::start()
{
    m_keychain = std::make_unique<KeychainSecretStore>(m_service);
    connect(&m_timer, &QTimer::timeout, this, [this] { decide({}, true); });
    m_timer.start(m_timeout);
    m_keychain->read(kProbeKey, this, [this](const SecretResult &result) { decide(result, false); });
}

void SecretStoreProbe::decide(const SecretResult &result, bool timedOut)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_timer.stop();

    Outcome outcome;
    outcome.status = timedOut ? SecretResult::Status::NoBackend : result.status;
    switch (outcome.status) {
    case SecretResult::Status::Ok:
    case SecretResult::Status::NotFound:
        outcome.persistent = true;
        break;
    case SecretResult::Status::Locked:
        outcome.persistent = true;
        outcome.notice = SecretStore::lockedMessage();
        break;
    case SecretResult::Status::NoBackend:
        outcome.notice = timedOut ? tr("The system keychain did not answer within %1 s. Secrets you enter are kept "
                                       "for this session only and never written to disk.")
                                        .arg(m_timeout.count() / 1000)
                                  : SecretStore::noKeychainMessage();
        break;
    case SecretResult::Status::Failed:
        outcome.notice = tr("The system keychain does not work (%1). Secrets you enter are kept for this session "
                            "only and never written to disk.")
                             .arg(result.message);
        break;
    }
    if (outcome.persistent) {
        m_chosen = std::move(m_keychain);
    } else {
        m_chosen = std::make_unique<MemorySecretStore>();
        // A keychain job that is still running reports into the store we are dropping: let it finish first.
        m_keychain.release()->deleteLater();
    }
    qCInfo(lcStore).noquote() << "secret store:" << m_chosen->description()
                              << (outcome.notice.isEmpty() ? QString() : QStringLiteral("— ") + outcome.notice);
    emit finished(outcome);
}

std::unique_ptr<SecretStore> SecretStoreProbe::takeStore()
{
    return std::move(m_chosen);
}
