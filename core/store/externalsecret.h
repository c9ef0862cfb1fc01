#pragma once

#include <QString>

#include <optional>

// A secret for unattended runs (ferry-cli under cron, CI) that does not come from the keychain: the value of an
// environment variable or the contents of a file. Never a command-line value — those end up in shell history and
// in every process listing. Read values are registered with the Redactor.
//
// Text is trimmed; a PEM block is kept whole, anything else is its first non-empty line (so a trailing newline or
// a note on a later line does no harm).
class ExternalSecret
{
public:
    enum class Kind { Environment, File };

    static ExternalSecret environment(const QString &variable);
    static ExternalSecret file(const QString &path);

    Kind kind() const { return m_kind; }
    QString where() const { return m_where; }
    // "the environment variable FERRY_CLIENT_SECRET" / "the file /run/secrets/ferry-key.pem"
    QString describe() const;

    // The secret, or nullopt with `error` set (unset or empty variable, missing/unreadable/empty/huge file).
    // `warning` is set when a file can be read by other users (the secret is still returned).
    std::optional<QString> read(QString *error, QString *warning = nullptr) const;

    static constexpr qint64 kMaxFileSize = 64 * 1024;

private:
    ExternalSecret(Kind kind, const QString &where);

    Kind m_kind;
    QString m_where;
};
