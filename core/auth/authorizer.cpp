#include "auth/authorizer.h"

#include <QMetaObject>
#include <QTimer>

Authorizer::Authorizer(QObject *parent)
    : QObject(parent)
{
}

Authorizer::~Authorizer() = default;

void Authorizer::authorize(QObject *context, Callback done)
{
    if (isFresh() && !m_renewing) {
        QPointer<QObject> guard(context);
        QTimer::singleShot(0, this, [guard, done = std::move(done)] {
            if (guard) {
                done(std::nullopt);
            }
        });
        return;
    }
    m_waiters.append({QPointer<QObject>(context), std::move(done)});
    if (!m_renewing) {
        m_renewing = true;
        // Deferred so a renewal that completes synchronously still honours "never inside authorize()".
        QTimer::singleShot(0, this, [this] { renew(); });
    }
}

void Authorizer::finishRenewal(const std::optional<AuthFailure> &failure)
{
    m_renewing = false;
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    if (!failure) {
        emit renewed(expiresAt());
    }
    for (const Waiter &w : waiters) {
        if (w.context) {
            w.done(failure);
        }
    }
}
