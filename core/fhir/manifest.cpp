#include "fhir/manifest.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Manifest", text);
}

std::optional<qint64> toCount(const QJsonValue &value)
{
    if (value.isDouble()) {
        // toInteger() falls back to the default for a fraction (12.5) or a value beyond qint64.
        const qint64 n = value.toInteger(-1);
        return n >= 0 ? std::optional<qint64>(n) : std::nullopt;
    }
    bool ok = false;
    const qint64 n = value.toString().toLongLong(&ok);
    return ok && n >= 0 ? std::optional<qint64>(n) : std::nullopt;
}

void parseEntries(const QJsonValue &array, ManifestEntry::Kind kind, const QString &field, const QUrl &base,
                  const VendorProfile &profile, Manifest *m)
{
    if (array.isUndefined() || array.isNull()) {
        return;
    }
    if (!array.isArray()) {
        m->problems << tr("\"%1\" is not a list; its files cannot be downloaded.").arg(field);
        return;
    }
    const QJsonArray items = array.toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject o = items.at(i).toObject();
        ManifestEntry e;
        e.kind = kind;
        e.type = o.value(QLatin1String("type")).toString();
        e.count = toCount(o.value(QLatin1String("count")));
        e.fileSize = toCount(o.value(QLatin1String("fileSize")));
        e.extension = o.value(QLatin1String("extension")).toObject();

        QString address;
        QString usedKey;
        QStringList keys{QStringLiteral("url")};
        for (const QString &k : profile.fileUrlKeys) {
            if (!keys.contains(k)) {
                keys << k;
            }
        }
        if (!keys.contains(QLatin1String("file"))) {
            keys << QStringLiteral("file"); // tolerated everywhere; named as a deviation below
        }
        for (const QString &k : std::as_const(keys)) {
            if (o.value(k).isString() && !o.value(k).toString().isEmpty()) {
                address = o.value(k).toString();
                usedKey = k;
                break;
            }
        }
        const QString where = QStringLiteral("%1[%2]").arg(field).arg(i);
        if (usedKey.isEmpty()) {
            e.problem = tr("%1 has no url").arg(where);
        } else {
            if (usedKey != QLatin1String("url") && !profile.fileUrlKeys.contains(usedKey)) {
                m->deviations << tr("%1 gives its address in \"%2\" instead of \"url\"").arg(where, usedKey);
            }
            const QUrl url = base.resolved(QUrl(address));
            if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
                e.problem = tr("%1 has an address Ferry cannot fetch (%2)")
                                .arg(where, url.scheme().isEmpty() ? address.left(60) : url.scheme());
            }
            e.url = url;
        }
        if (kind == ManifestEntry::Kind::Output && e.type.isEmpty() && m->outputOrganizedBy.isEmpty()) {
            m->deviations << tr("%1 has no type; its lines are not checked against one").arg(where);
        }
        if (!e.problem.isEmpty()) {
            m->problems << e.problem;
        }
        m->entries.append(e);
    }
}

} // namespace

QString ManifestEntry::expectedResourceType() const
{
    switch (kind) {
    case Kind::Error:
        return QStringLiteral("OperationOutcome");
    case Kind::Deleted:
        return QStringLiteral("Bundle");
    case Kind::Output:
        break;
    }
    return type;
}

QString ManifestEntry::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::Deleted:
        return QStringLiteral("deleted");
    case Kind::Output:
        break;
    }
    return QStringLiteral("output");
}

qsizetype Manifest::countOf(ManifestEntry::Kind kind) const
{
    return std::count_if(entries.begin(), entries.end(), [kind](const ManifestEntry &e) { return e.kind == kind; });
}

std::optional<Manifest> Manifest::parse(const QByteArray &body, const QUrl &base, const VendorProfile &profile,
                                        QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error =
            tr("The manifest is not valid JSON (%1 at byte %2).").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = tr("The manifest is not a JSON object.");
        return std::nullopt;
    }
    return fromJson(doc.object(), base, profile, error);
}

std::optional<Manifest> Manifest::fromJson(const QJsonObject &json, const QUrl &base, const VendorProfile &profile,
                                           QString *error)
{
    Manifest m;
    m.raw = json;
    const bool hasOutput = json.value(QLatin1String("output")).isArray();
    if (!hasOutput) {
        *error = json.contains(QLatin1String("output"))
                     ? tr("The manifest's \"output\" is not a list.")
                     : tr("The manifest has no \"output\" list, so it names no files to download.");
        return std::nullopt;
    }

    const QJsonValue tt = json.value(QLatin1String("transactionTime"));
    m.transactionTime = QDateTime::fromString(tt.toString(), Qt::ISODateWithMs);
    if (!m.transactionTime.isValid()) {
        m.deviations << (tt.isUndefined() ? tr("transactionTime is missing; the next export cannot start from it")
                                          : tr("transactionTime \"%1\" is not an instant").arg(tt.toString()));
    }
    m.request = json.value(QLatin1String("request")).toString();

    const QJsonValue rat = json.value(QLatin1String("requiresAccessToken"));
    if (rat.isBool()) {
        m.requiresAccessToken = rat.toBool();
    } else if (rat.isString()) {
        m.requiresAccessToken = rat.toString().compare(QLatin1String("false"), Qt::CaseInsensitive) != 0;
        m.deviations << tr("requiresAccessToken is the string \"%1\", not a boolean").arg(rat.toString());
    } else {
        m.requiresAccessToken = true;
        m.deviations << tr("requiresAccessToken is missing; assuming files need the access token");
    }
    m.outputOrganizedBy = json.value(QLatin1String("outputOrganizedBy")).toString();
    m.extension = json.value(QLatin1String("extension"));

    parseEntries(json.value(QLatin1String("output")), ManifestEntry::Kind::Output, QStringLiteral("output"), base,
                 profile, &m);
    if (json.contains(QLatin1String("error"))) {
        parseEntries(json.value(QLatin1String("error")), ManifestEntry::Kind::Error, QStringLiteral("error"), base,
                     profile, &m);
    } else if (json.contains(QLatin1String("outcome"))) {
        parseEntries(json.value(QLatin1String("outcome")), ManifestEntry::Kind::Error, QStringLiteral("outcome"), base,
                     profile, &m);
    } else {
        m.deviations << tr("the \"error\" list is missing");
    }
    parseEntries(json.value(QLatin1String("deleted")), ManifestEntry::Kind::Deleted, QStringLiteral("deleted"), base,
                 profile, &m);

    for (const QJsonValue &link : json.value(QLatin1String("link")).toArray()) {
        const QJsonObject l = link.toObject();
        if (l.value(QLatin1String("relation")).toString() == QLatin1String("next")) {
            m.nextPage = base.resolved(QUrl(l.value(QLatin1String("url")).toString()));
        }
    }
    return m;
}
