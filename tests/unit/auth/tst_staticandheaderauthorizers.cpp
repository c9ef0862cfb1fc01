// The two authorizers that cannot renew: a pasted bearer token (JWT expiry shown and enforced on the injected
// clock) and fixed vendor headers (validated, secret values redacted).
#include "auth/headerauthorizer.h"
#include "auth/statictokenauthorizer.h"
#include "util/clock.h"
#include "util/redactor.h"

#include <QNetworkRequest>
#include <QTest>

namespace {

QString jwtWithExp(qint64 exp)
{
    const QByteArray json = "{\"sub\":\"x\",\"exp\":" + QByteArray::number(exp) + "}";
    const QByteArray payload = json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QStringLiteral("eyJhbGciOiJub25lIn0.") + QString::fromLatin1(payload) + QStringLiteral(".c2ln");
}

std::optional<AuthFailure> authorize(Authorizer &authorizer, QObject *context)
{
    bool called = false;
    std::optional<AuthFailure> failure;
    authorizer.authorize(context, [&](const std::optional<AuthFailure> &f) {
        called = true;
        failure = f;
    });
    if (!QTest::qWaitFor([&] { return called; }, 5000)) {
        qWarning("timed out waiting for a callback");
    }
    return failure;
}

} // namespace

class TestStaticAndHeaderAuthorizers : public QObject
{
    Q_OBJECT

private slots:
    void staticTokenExpiry()
    {
        QDateTime now(QDate(2025, 6, 1), QTime(8, 0), Qt::UTC);
        Clock clock;
        clock.setNow([&now] { return now; });
        const qint64 exp = now.addSecs(60).toSecsSinceEpoch();
        StaticTokenAuthorizer authorizer(QStringLiteral("  bearer ") + jwtWithExp(exp) + QStringLiteral("\n"));
        authorizer.setClock(&clock);
        QCOMPARE(authorizer.expiresAt(), now.addSecs(60));
        QVERIFY(authorizer.describe().contains(QLatin1String("expires")));
        QVERIFY(!authorize(authorizer, this));
        QNetworkRequest request;
        authorizer.apply(request);
        QCOMPARE(request.rawHeader("Authorization"), "Bearer " + jwtWithExp(exp).toLatin1());
        QVERIFY(!authorizer.canRenew());

        now = now.addSecs(61);
        const std::optional<AuthFailure> failure = authorize(authorizer, this);
        QVERIFY(failure);
        QVERIFY2(failure->message.contains(QLatin1String("expired at")), qPrintable(failure->message));
        QVERIFY(authorizer.describe().contains(QLatin1String("expired")));
    }

    void opaqueTokenNeverExpires()
    {
        StaticTokenAuthorizer authorizer(QStringLiteral("opaque-token-value"));
        QVERIFY(!authorizer.expiresAt().isValid());
        QCOMPARE(authorizer.describe(), QStringLiteral("Static bearer token"));
        QVERIFY(!authorize(authorizer, this));
        QCOMPARE(Redactor::instance().text(QStringLiteral("t=opaque-token-value")), QStringLiteral("t=[redacted]"));

        StaticTokenAuthorizer empty{QString()};
        const std::optional<AuthFailure> failure = authorize(empty, this);
        QVERIFY(failure && failure->message.contains(QLatin1String("No bearer token")));
    }

    void headers_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("problem"); // empty: usable
        QTest::newRow("fine") << QByteArray("client_secret") << QStringLiteral("s3cr3t-header") << QString();
        QTest::newRow("empty value") << QByteArray("client_secret") << QString() << QStringLiteral("has no value");
        QTest::newRow("line break") << QByteArray("x-user") << QStringLiteral("a\r\nSet-Cookie: x")
                                    << QStringLiteral("line break");
        QTest::newRow("bad name") << QByteArray("bad name") << QStringLiteral("v") << QStringLiteral("not a valid");
    }
    void headers()
    {
        QFETCH(QByteArray, name);
        QFETCH(QString, value);
        QFETCH(QString, problem);
        HeaderAuthorizer authorizer({{QByteArray("client_id"), QStringLiteral("c1"), false}, {name, value, true}});
        const std::optional<AuthFailure> failure = authorize(authorizer, this);
        QNetworkRequest request;
        authorizer.apply(request);
        if (problem.isEmpty()) {
            QVERIFY(!failure);
            QCOMPARE(request.rawHeader(name), value.toUtf8());
            QCOMPARE(request.rawHeader("client_id"), QByteArray("c1"));
            QVERIFY(!Redactor::instance().text(value).contains(value));
        } else {
            QVERIFY(failure);
            QVERIFY2(failure->message.contains(problem), qPrintable(failure->message));
            QVERIFY(request.rawHeaderList().isEmpty()); // nothing half-applied
        }
        QVERIFY(!authorizer.canRenew());
    }
};

QTEST_GUILESS_MAIN(TestStaticAndHeaderAuthorizers)
#include "tst_staticandheaderauthorizers.moc"
