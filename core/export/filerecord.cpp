#include "export/filerecord.h"

#include "util/jsontext.h"

#include <QJsonArray>

namespace {
struct StateName
{
    FileRecord::State state;
    const char *name;
};
constexpr StateName kStates[] = {
    {FileRecord::State::Pending, "pending"},   {FileRecord::State::Downloading, "downloading"},
    {FileRecord::State::Verified, "verified"}, {FileRecord::State::Failed, "failed"},
    {FileRecord::State::Rejected, "rejected"}, {FileRecord::State::Expired, "expired"},
    {FileRecord::State::Unusable, "unusable"}};

ManifestEntry::Kind kindFromName(const QString &name)
{
    if (name == QLatin1String("error")) {
        return ManifestEntry::Kind::Error;
    }
    if (name == QLatin1String("deleted")) {
        return ManifestEntry::Kind::Deleted;
    }
    return ManifestEntry::Kind::Output;
}
} // namespace

ManifestEntry FileRecord::entry() const
{
    ManifestEntry e;
    e.kind = kind;
    e.type = type;
    e.url = url;
    e.count = count;
    return e;
}

QString FileRecord::stateName(State state)
{
    for (const auto &s : kStates) {
        if (s.state == state) {
            return QLatin1String(s.name);
        }
    }
    return {};
}

std::optional<FileRecord::State> FileRecord::stateFromName(const QString &name)
{
    for (const auto &s : kStates) {
        if (name == QLatin1String(s.name)) {
            return s.state;
        }
    }
    return std::nullopt;
}

QJsonObject FileRecord::toJson() const
{
    QJsonObject o{{QStringLiteral("index"), index},      {QStringLiteral("kind"), ManifestEntry::kindName(kind)},
                  {QStringLiteral("type"), type},        {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
                  {QStringLiteral("name"), name},        {QStringLiteral("state"), stateName(state)},
                  {QStringLiteral("bytes"), bytes},      {QStringLiteral("lines"), lines},
                  {QStringLiteral("attempts"), attempts}};
    if (count) {
        o.insert(QStringLiteral("count"), *count);
    }
    if (!sha256.isEmpty()) {
        o.insert(QStringLiteral("sha256"), QString::fromLatin1(sha256));
    }
    if (!etag.isEmpty()) {
        o.insert(QStringLiteral("etag"), QString::fromLatin1(etag));
    }
    if (!lastModified.isEmpty()) {
        o.insert(QStringLiteral("lastModified"), QString::fromLatin1(lastModified));
    }
    if (contentEncoded) {
        o.insert(QStringLiteral("contentEncoded"), true);
    }
    if (!message.isEmpty()) {
        o.insert(QStringLiteral("message"), message);
    }
    if (expires.isValid()) {
        o.insert(QStringLiteral("expires"), expires.toString(Qt::ISODate));
    }
    if (withoutLastUpdated > 0) {
        o.insert(QStringLiteral("withoutLastUpdated"), withoutLastUpdated);
    }
    if (idsLongerThan64 > 0) {
        o.insert(QStringLiteral("idsLongerThan64"), idsLongerThan64);
    }
    if (!outcomeCodes.isEmpty()) {
        QJsonObject codes;
        for (auto it = outcomeCodes.begin(); it != outcomeCodes.end(); ++it) {
            codes.insert(it.key(), it.value());
        }
        o.insert(QStringLiteral("outcomeCodes"), codes);
        o.insert(QStringLiteral("firstDiagnostics"), QJsonArray::fromStringList(firstDiagnostics));
    }
    return o;
}

void FileRecord::appendJson(QByteArray &out) const
{
    // Keys in QJsonObject's (sorted) order, the optional ones under the same conditions as toJson().
    using namespace JsonText;
    out.append('{');
    appendKey(out, "attempts", true);
    out.append(QByteArray::number(attempts));
    appendKey(out, "bytes");
    out.append(QByteArray::number(bytes));
    if (contentEncoded) {
        appendKey(out, "contentEncoded");
        out.append("true", 4);
    }
    if (count) {
        appendKey(out, "count");
        out.append(QByteArray::number(*count));
    }
    if (!etag.isEmpty()) {
        appendKey(out, "etag");
        appendLatin1(out, etag);
    }
    if (expires.isValid()) {
        // Every file of a manifest expires at the same time: format it once, not once per file and snapshot.
        thread_local QDateTime lastExpires;
        thread_local QString lastText;
        if (expires != lastExpires || expires.timeSpec() != lastExpires.timeSpec() ||
            expires.offsetFromUtc() != lastExpires.offsetFromUtc()) {
            lastExpires = expires;
            lastText = expires.toString(Qt::ISODate);
        }
        appendKey(out, "expires");
        appendString(out, lastText);
    }
    if (!outcomeCodes.isEmpty()) {
        appendKey(out, "firstDiagnostics");
        out.append('[');
        for (qsizetype i = 0; i < firstDiagnostics.size(); ++i) {
            if (i > 0) {
                out.append(',');
            }
            appendString(out, firstDiagnostics.at(i));
        }
        out.append(']');
    }
    if (idsLongerThan64 > 0) {
        appendKey(out, "idsLongerThan64");
        out.append(QByteArray::number(idsLongerThan64));
    }
    appendKey(out, "index");
    out.append(QByteArray::number(index));
    appendKey(out, "kind");
    appendString(out, ManifestEntry::kindName(kind));
    if (!lastModified.isEmpty()) {
        appendKey(out, "lastModified");
        appendLatin1(out, lastModified);
    }
    appendKey(out, "lines");
    out.append(QByteArray::number(lines));
    if (!message.isEmpty()) {
        appendKey(out, "message");
        appendString(out, message);
    }
    appendKey(out, "name");
    appendString(out, name);
    if (!outcomeCodes.isEmpty()) {
        appendKey(out, "outcomeCodes");
        out.append('{');
        for (auto it = outcomeCodes.begin(); it != outcomeCodes.end(); ++it) {
            if (it != outcomeCodes.begin()) {
                out.append(',');
            }
            appendString(out, it.key());
            out.append(':');
            out.append(QByteArray::number(it.value()));
        }
        out.append('}');
    }
    if (!sha256.isEmpty()) {
        appendKey(out, "sha256");
        appendLatin1(out, sha256);
    }
    appendKey(out, "state");
    appendString(out, stateName(state));
    appendKey(out, "type");
    appendString(out, type);
    appendKey(out, "url");
    appendString(out, url.toString(QUrl::FullyEncoded));
    if (withoutLastUpdated > 0) {
        appendKey(out, "withoutLastUpdated");
        out.append(QByteArray::number(withoutLastUpdated));
    }
    out.append('}');
}

FileRecord FileRecord::fromJson(const QJsonObject &o)
{
    FileRecord f;
    f.index = o.value(QStringLiteral("index")).toInt();
    f.kind = kindFromName(o.value(QStringLiteral("kind")).toString());
    f.type = o.value(QStringLiteral("type")).toString();
    f.url = QUrl(o.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    f.name = o.value(QStringLiteral("name")).toString();
    f.state = stateFromName(o.value(QStringLiteral("state")).toString()).value_or(State::Pending);
    f.bytes = o.value(QStringLiteral("bytes")).toInteger();
    f.lines = o.value(QStringLiteral("lines")).toInteger();
    f.attempts = o.value(QStringLiteral("attempts")).toInt();
    if (o.contains(QStringLiteral("count"))) {
        f.count = o.value(QStringLiteral("count")).toInteger();
    }
    f.sha256 = o.value(QStringLiteral("sha256")).toString().toLatin1();
    f.etag = o.value(QStringLiteral("etag")).toString().toLatin1();
    f.lastModified = o.value(QStringLiteral("lastModified")).toString().toLatin1();
    f.contentEncoded = o.value(QStringLiteral("contentEncoded")).toBool();
    f.message = o.value(QStringLiteral("message")).toString();
    f.expires = QDateTime::fromString(o.value(QStringLiteral("expires")).toString(), Qt::ISODate);
    f.withoutLastUpdated = o.value(QStringLiteral("withoutLastUpdated")).toInteger();
    f.idsLongerThan64 = o.value(QStringLiteral("idsLongerThan64")).toInteger();
    const QJsonObject codes = o.value(QStringLiteral("outcomeCodes")).toObject();
    for (auto it = codes.begin(); it != codes.end(); ++it) {
        f.outcomeCodes.insert(it.key(), it.value().toInteger());
    }
    for (const QJsonValue &d : o.value(QStringLiteral("firstDiagnostics")).toArray()) {
        f.firstDiagnostics << d.toString();
    }
    return f;
}
