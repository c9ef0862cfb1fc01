#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QUrl>

// Keeps secrets out of everything a person or a support desk reads. Auth code registers every secret value it
// handles (tokens, client secrets, assertions, header secrets); text() replaces them, and any bearer token or
// JWT-shaped string, with a marker. url() drops user info and the query (pre-signed URLs carry credentials there).
// Thread-safe; one process-wide instance.
class Redactor
{
public:
    static Redactor &instance();

    void addSecret(const QString &secret);
    void forgetSecret(const QString &secret);
    QString text(const QString &in) const;
    static QString url(const QUrl &url);

private:
    Redactor() = default;
    mutable QMutex m_mutex;
    QStringList m_secrets;
};
