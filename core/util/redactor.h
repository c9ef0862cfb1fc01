#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QUrl>

// Keeps secrets out of everything a person or a support desk reads. Auth code registers every secret value it
// handles (tokens, client secrets, assertions, header secrets); text() replaces them, any bearer/basic value,
// JWT-shaped string and credential-named query value of a URL quoted in the text (X-Amz-Signature=…, sig=…), with
// a marker. url() drops user info and the fragment, and redacts credential-named query values and JWTs in the path
// (pre-signed URLs carry credentials there); FHIR parameters (_type, _since…) stay. Thread-safe; one instance.
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
