#pragma once

#include "net/networkjob.h"
#include "net/requestfactory.h"
#include "vendor/vendorprofile.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <optional>

class Authorizer;
struct FetchResult;

// One Group the server lists.
struct FoundGroup
{
    QString id;
    QString name;                   // may be empty
    std::optional<qint64> quantity; // members, when the server says
};

// The answer to a Group search: the groups, or the sentence that says why there are none.
struct GroupSearchResult
{
    QList<FoundGroup> groups;
    QString error;          // empty on success (an empty list is a success)
    bool truncated = false; // the server has more than were asked for (a next link)

    bool ok() const { return error.isEmpty(); }
};

Q_DECLARE_METATYPE(GroupSearchResult)

// "Find groups" of the profile editor: GET [base]/Group?_count=N[&name=…] with the profile's credentials and the
// engine's redirect and failure rules, read from the searchset Bundle. Many EHRs do not allow searching Group
// (Epic, Oracle: the group id comes from the vendor's admin); their refusal comes back as a readable error.
// One search per object: start(), then exactly one finished(), never synchronously.
class GroupSearch : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultCount = 200;

    // `authorizer` may be null (open servers); it and `nam` outlive the search.
    GroupSearch(QNetworkAccessManager *nam, const Clock *clock, const QUrl &fhirBase, const VendorProfile &profile,
                Authorizer *authorizer, QObject *parent = nullptr);
    ~GroupSearch() override;

    // `name` empty: every group (up to `count`).
    void start(const QString &name = {}, int count = kDefaultCount);
    QUrl searchUrl(const QString &name, int count) const;

    // Reads a FHIR searchset Bundle of Groups; false with `error` set when the body is not one.
    static bool parseBundle(const QByteArray &body, GroupSearchResult *result);

signals:
    void finished(const GroupSearchResult &result);

private:
    void onFetched(const FetchResult &result);

    QUrl m_base;
    VendorProfile m_profile;
    RequestFactory m_factory;
    NetworkContext m_net;
    QPointer<NetworkJob> m_job;
};
