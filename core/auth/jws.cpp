#include "auth/jws.h"

#include "auth/signingkey.h"

#include <QJsonDocument>
#include <QList>

namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QJsonObject decodePart(const QByteArray &compact, int index)
{
    const QList<QByteArray> parts = compact.split('.');
    if (parts.size() != 3) {
        return {};
    }
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(index), QByteArray::Base64UrlEncoding)).object();
}

} // namespace

namespace Jws {

QByteArray sign(QJsonObject header, const QJsonObject &claims, const SigningKey &key, QString *error)
{
    header.insert(QLatin1String("alg"), key.algorithmName());
    const QByteArray signingInput = QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(kBase64Url) + '.' +
                                    QJsonDocument(claims).toJson(QJsonDocument::Compact).toBase64(kBase64Url);
    const QByteArray signature = key.sign(signingInput, error);
    if (signature.isEmpty()) {
        return {};
    }
    return signingInput + '.' + signature.toBase64(kBase64Url);
}

QJsonObject header(const QByteArray &compact)
{
    return decodePart(compact, 0);
}

QJsonObject claims(const QByteArray &compact)
{
    return decodePart(compact, 1);
}

} // namespace Jws
