#include "auth/headerauthorizer.h"

#include "util/redactor.h"

#include <QNetworkRequest>
#include <QStringList>

HeaderAuthorizer::HeaderAuthorizer(const QList<AuthHeader> &headers, QObject *parent)
    : Authorizer(parent)
    , m_headers(headers)
{
    for (const AuthHeader &h : std::as_const(m_headers)) {
        if (h.secret) {
            Redactor::instance().addSecret(h.value);
        }
    }
}

HeaderAuthorizer::~HeaderAuthorizer() = default;

bool HeaderAuthorizer::isValidName(const QByteArray &name)
{
    if (name.isEmpty()) {
        return false;
    }
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    for (const char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !extra.contains(c)) {
            return false;
        }
    }
    return true;
}

bool HeaderAuthorizer::isValidValue(const QString &value)
{
    for (const QChar c : value) {
        if ((c.unicode() < 0x20 && c != QLatin1Char('\t')) || c.unicode() == 0x7f) {
            return false;
        }
    }
    return true;
}

void HeaderAuthorizer::apply(QNetworkRequest &request) const
{
    if (!problem().isEmpty()) {
        return;
    }
    for (const AuthHeader &h : m_headers) {
        request.setRawHeader(h.name, h.value.toUtf8());
    }
}

QString HeaderAuthorizer::describe() const
{
    QStringList names;
    for (const AuthHeader &h : m_headers) {
        names << QString::fromLatin1(h.name);
    }
    return tr("Vendor headers (%1)").arg(names.join(QStringLiteral(", ")));
}

QString HeaderAuthorizer::problem() const
{
    if (m_headers.isEmpty()) {
        return tr("No authorization headers are configured for this server.");
    }
    for (const AuthHeader &h : m_headers) {
        if (!isValidName(h.name)) {
            return tr("\"%1\" is not a valid header name.").arg(QString::fromLatin1(h.name));
        }
        if (h.value.isEmpty()) {
            return tr("The header %1 has no value. Enter it in the server's settings.")
                .arg(QString::fromLatin1(h.name));
        }
        if (!isValidValue(h.value)) {
            return tr("The value of the header %1 contains a line break or control character.")
                .arg(QString::fromLatin1(h.name));
        }
    }
    return {};
}

bool HeaderAuthorizer::isFresh() const
{
    return problem().isEmpty();
}

void HeaderAuthorizer::renew()
{
    // Only reached when the headers are unusable: fixed headers have nothing to renew.
    AuthFailure failure;
    failure.message = problem();
    finishRenewal(failure);
}
