#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

// The outcome of one secret-store operation.
struct SecretResult
{
    enum class Status {
        Ok,
        NotFound,  // read/remove of a key that holds nothing
        NoBackend, // no keychain answers (no Secret Service / KWallet, no D-Bus session)
        Locked,    // the keychain exists but is locked, or the user refused access
        Failed,    // anything else; `message` says what
    };
    Status status = Status::Ok;
    QString value;   // read() only
    QString message; // for a person, when status is not Ok

    bool ok() const { return status == Status::Ok; }
};

// Where Ferry keeps secrets: private keys, client secrets, pasted tokens, secret header values. Asynchronous by
// contract — no nested event loops anywhere: each call's callback runs exactly once, later (never inside the call),
// in the caller's thread, unless `context` is destroyed first.
//
// Keys are "<profileId>/<name>" (see key()); values are text (PEM, secrets, tokens). Nothing here ever writes a
// secret to disk in plain text: either the system keychain holds it, or memory for this session only.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult &result)>;

    // The per-profile secret names.
    static constexpr const char *kPrivateKey = "private-key";
    static constexpr const char *kClientSecret = "client-secret";
    static constexpr const char *kToken = "token";
    // "header/<header name>" for a secret header value.
    static QString headerSecretName(const QString &headerName);
    static QString key(const QString &profileId, const QString &name);

    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    virtual void read(const QString &key, QObject *context, Callback done) = 0;
    virtual void write(const QString &key, const QString &value, QObject *context, Callback done) = 0;
    // Removing a key that holds nothing is no error: Ok or NotFound, depending on the backend.
    virtual void remove(const QString &key, QObject *context, Callback done) = 0;

    // False for the session-only memory store: secrets vanish when Ferry exits.
    virtual bool isPersistent() const = 0;
    // "System keychain (Secret Service)" / "This session only (no keychain)": for settings and logs.
    virtual QString description() const = 0;

    // Messages for the two situations a person must know about; the UI shows them as given.
    static QString noKeychainMessage();
    static QString lockedMessage();

protected:
    // Runs `done(result)` later, in this object's thread, if `context` still exists. Take the guard when the call
    // starts: a context destroyed while a keychain job runs must not be touched.
    void deliver(const QPointer<QObject> &context, const Callback &done, const SecretResult &result);
};
