#include "preflight/groupsearch.h"

#include "net/failuretext.h"
#include "net/fetchjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

GroupSearch::GroupSearch(QNetworkAccessManager *nam, const Clock *clock, const QUrl &fhirBase,
                         const VendorProfile &profile, Authorizer *authorizer, QObject *parent)
    : QObject(parent)
    , m_base(fhirBase)
    , m_profile(profile)
    , m_factory(fhirBase, profile)
{
    m_factory.setAuthorizer(authorizer);
    m_factory.setTransferTimeout(std::chrono::seconds(30));
    m_net = NetworkContext{nam, &m_factory, nullptr, clock};
}

GroupSearch::~GroupSearch() = default;

QUrl GroupSearch::searchUrl(const QString &name, int count) const
{
    QUrl url = m_base;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    url.setPath(path + QStringLiteral("/Group"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("_count"), QString::number(count));
    if (!name.trimmed().isEmpty()) {
        query.addQueryItem(QStringLiteral("name"), name.trimmed());
    }
    url.setQuery(query);
    return url;
}

void GroupSearch::start(const QString &name, int count)
{
    auto *job = new FetchJob(m_net, searchUrl(name, count), tr("Group search"), true, this);
    m_job = job;
    connect(job, &FetchJob::finished, this, [this, job](const FetchResult &result) {
        job->deleteLater();
        m_job = nullptr;
        onFetched(result);
    });
    job->start();
}

void GroupSearch::onFetched(const FetchResult &result)
{
    GroupSearchResult out;
    if (!result.ok()) {
        out.error = tr("The server did not list its groups: %1 Ask the EHR's administrator for the group ids "
                       "and add them by hand (or paste a list).")
                        .arg(FailureText::describe(result.failure, m_profile));
    } else if (!parseBundle(result.response->body, &out)) {
        out.groups.clear();
    }
    emit finished(out);
}

bool GroupSearch::parseBundle(const QByteArray &body, GroupSearchResult *result)
{
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject bundle = doc.object();
    if (parseError.error != QJsonParseError::NoError ||
        bundle.value(QLatin1String("resourceType")).toString() != QLatin1String("Bundle")) {
        result->error = tr("The server's answer to the Group search is not a FHIR Bundle.");
        return false;
    }
    for (const QJsonValue &entry : bundle.value(QLatin1String("entry")).toArray()) {
        const QJsonObject resource = entry.toObject().value(QLatin1String("resource")).toObject();
        if (resource.value(QLatin1String("resourceType")).toString() != QLatin1String("Group")) {
            continue; // OperationOutcome entries (search warnings), included resources
        }
        FoundGroup g;
        g.id = resource.value(QLatin1String("id")).toString();
        g.name = resource.value(QLatin1String("name")).toString();
        if (resource.contains(QLatin1String("quantity"))) {
            g.quantity = resource.value(QLatin1String("quantity")).toInteger();
        }
        if (!g.id.isEmpty()) {
            result->groups.append(g);
        }
    }
    for (const QJsonValue &link : bundle.value(QLatin1String("link")).toArray()) {
        if (link.toObject().value(QLatin1String("relation")).toString() == QLatin1String("next")) {
            result->truncated = true;
        }
    }
    return true;
}
