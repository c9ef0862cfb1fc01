// The sandbox through QNetworkAccessManager, the HTTP stack Ferry's client uses: automatic gzip decoding, Range
// resume, keep-alive across parallel downloads, "localhost" for the storage origin, and a 307 to it.
#include "selftest/exportprobe.h"
#include "server/sandboxserver.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace {

struct Fetched
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
    QHash<QByteArray, QByteArray> headers;
};

Fetched fetch(QNetworkAccessManager &nam, const QUrl &url, const HeaderList &headers = {})
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &h : headers) {
        request.setRawHeader(h.first, h.second);
    }
    QNetworkReply *reply = nam.get(request);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished()) {
        finished.wait(30000);
    }
    Fetched f;
    f.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    f.body = reply->readAll();
    f.error = reply->error();
    for (const auto &pair : reply->rawHeaderPairs()) {
        f.headers.insert(pair.first.toLower(), pair.second);
    }
    reply->deleteLater();
    return f;
}

} // namespace

class TstSandboxQnam : public QObject
{
    Q_OBJECT
private slots:
    void exportThroughQnam();
    void storageOriginOnLocalhost();
    void oracleRedirectWithoutToken();
};

void TstSandboxQnam::exportThroughQnam()
{
    SandboxConfig config;
    config.patients = 120;
    config.polls = 1;
    config.resourcesPerFile = 300;
    config.quiet = true;
    SandboxServer server(config);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    const QUrl base = server.fhirBase();
    QNetworkRequest kick(QUrl(base.toString() + QStringLiteral("/$export?_type=Observation")));
    kick.setRawHeader("Prefer", "respond-async");
    kick.setRawHeader("Accept", "application/fhir+json");
    QNetworkReply *reply = nam.get(kick);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 202);
    const QUrl status(QString::fromLatin1(reply->rawHeader("Content-Location")));
    reply->deleteLater();
    QCOMPARE(fetch(nam, status).status, 202);
    const Fetched manifest = fetch(nam, status);
    QCOMPARE(manifest.status, 200);
    const QJsonArray outputs = QJsonDocument::fromJson(manifest.body).object().value(QLatin1String("output")).toArray();
    QVERIFY(outputs.size() >= 3);

    // Several files at once over QNAM's connection pool; gzip is requested and decoded by QNAM itself.
    qint64 lines = 0;
    QList<QNetworkReply *> replies;
    for (const QJsonValue &v : outputs) {
        replies.append(nam.get(QNetworkRequest(QUrl(v.toObject().value(QLatin1String("url")).toString()))));
    }
    for (QNetworkReply *r : replies) {
        if (!r->isFinished()) {
            QSignalSpy spy(r, &QNetworkReply::finished);
            QVERIFY(spy.wait(30000));
        }
        QCOMPARE(r->error(), QNetworkReply::NoError);
        int invalid = 0;
        lines += ExportProbe::lines(r->readAll(), &invalid).size();
        QCOMPARE(invalid, 0);
        r->deleteLater();
    }
    QCOMPARE(lines, server.truth(ExportProbe::jobId(status.toString().toUtf8()))
                        .value(QLatin1String("types"))
                        .toObject()
                        .value(QLatin1String("Observation"))
                        .toObject()
                        .value(QLatin1String("count"))
                        .toInteger());
    bool gzipped = false;
    for (const RequestLogEntry &e : server.requestLog()) {
        gzipped = gzipped || e.header("Accept-Encoding").contains("gzip");
    }
    QVERIFY(gzipped);

    // Range resume as a client would do it.
    const QUrl first(outputs[0].toObject().value(QLatin1String("url")).toString());
    const Fetched whole = fetch(nam, first, {{"Accept-Encoding", "identity"}});
    const Fetched tail = fetch(nam, first, {{"Range", "bytes=12345-"}, {"If-Range", whole.header("ETag")}});
    QCOMPARE(tail.status, 206);
    QCOMPARE(whole.body.mid(12345), tail.body);
}

void TstSandboxQnam::storageOriginOnLocalhost()
{
    SandboxConfig config;
    config.patients = 30;
    config.polls = 0;
    config.fileOrigin = SandboxConfig::FileOrigin::Secondary;
    config.quiet = true;
    SandboxServer server(config);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QNetworkRequest kick(QUrl(server.fhirBase().toString() + QStringLiteral("/Group/demo/$export?_type=Patient")));
    kick.setRawHeader("Prefer", "respond-async");
    QNetworkReply *reply = nam.get(kick);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    const QUrl status(QString::fromLatin1(reply->rawHeader("Content-Location")));
    reply->deleteLater();
    const Fetched manifest = fetch(nam, status);
    const QUrl file(QJsonDocument::fromJson(manifest.body)
                        .object()
                        .value(QLatin1String("output"))
                        .toArray()[0]
                        .toObject()
                        .value(QLatin1String("url"))
                        .toString());
    QCOMPARE(file.host(), QStringLiteral("localhost"));
    const Fetched ok = fetch(nam, file);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ExportProbe::lines(ok.body).size(), 25);
    const Fetched refused = fetch(nam, file, {{"Authorization", "Bearer x"}});
    QCOMPARE(refused.status, 400);
    QVERIFY(refused.body.contains("InvalidArgument"));
}

void TstSandboxQnam::oracleRedirectWithoutToken()
{
    SandboxConfig config;
    config.persona = "oracle-health";
    config.patients = 30;
    config.polls = 0;
    config.jobSeconds = 0;
    config.quiet = true;
    SandboxServer server(config);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    QNetworkRequest kick(QUrl(server.fhirBase().toString() + QStringLiteral("/Group/demo/$export?_type=Patient")));
    kick.setRawHeader("Prefer", "respond-async");
    QNetworkReply *reply = nam.get(kick);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    const QUrl status(QString::fromLatin1(reply->rawHeader("Content-Location")));
    reply->deleteLater();
    const QJsonArray outputs =
        QJsonDocument::fromJson(fetch(nam, status).body).object().value(QLatin1String("output")).toArray();
    const Fetched redirect = fetch(nam, QUrl(outputs[0].toObject().value(QLatin1String("url")).toString()));
    QCOMPARE(redirect.status, 307);
    const QUrl location(QString::fromLatin1(redirect.header("Location")));
    QCOMPARE(location.host(), QStringLiteral("localhost"));
    QCOMPARE(fetch(nam, location).status, 200);
}

QTEST_GUILESS_MAIN(TstSandboxQnam)
#include "tst_sandbox_qnam.moc"
