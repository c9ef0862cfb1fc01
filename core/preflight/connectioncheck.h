#pragma once

#include "fhir/exportrequest.h"
#include "net/networkjob.h"
#include "net/requestfactory.h"
#include "preflight/preflightreport.h"
#include "vendor/vendorprofile.h"

#include <QObject>
#include <QPointer>

class Authorizer;
struct FetchResult;

// "Check connection": the preflight no other bulk client has. Reads the CapabilityStatement and the SMART
// configuration, obtains a token, compares the granted scopes with the chosen _type, checks that the server
// declares $export at the chosen level and which types it excludes from bulk (STU3 operation-not-supported),
// recognises the vendor and names its known traps, and looks the group up. Each step is reported as it finishes,
// in plain words with what to do next. It never changes anything on the server.
class ConnectionCheck : public QObject
{
    Q_OBJECT

public:
    struct Input
    {
        VendorProfile profile;
        ExportRequest request;            // base, level, group id and _type of the export form
        Authorizer *authorizer = nullptr; // null: the profile uses no authorization
    };

    ConnectionCheck(QNetworkAccessManager *nam, const Clock *clock, const Input &input, QObject *parent = nullptr);
    ~ConnectionCheck() override;

    void start();
    const PreflightReport &report() const { return m_report; }

signals:
    void stepFinished(const PreflightStep &step);
    void finished(const PreflightReport &report);

private:
    void add(const QString &id, const QString &title, PreflightStep::Status status, const QString &detail,
             const QString &advice = QString());
    void fetch(const QUrl &url, const QString &operation, bool credentials,
               void (ConnectionCheck::*next)(const FetchResult &));
    void onMetadata(const FetchResult &result);
    void onSmartConfiguration(const FetchResult &result);
    void checkVendor();
    void checkToken();
    void checkScopes();
    void checkBulkSupport();
    void checkGroup();
    void onGroup(const FetchResult &result);
    void finish();

    Input m_input;
    RequestFactory m_factory;
    NetworkContext m_net;
    PreflightReport m_report;
    QPointer<NetworkJob> m_current;
};
