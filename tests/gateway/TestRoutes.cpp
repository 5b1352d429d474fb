// The gateway's routes in-process: a GatewayServer built in this test's own process on a loopback port, no spawned
// gateway. Its routing table and openapi.json describe the same API, and handlers answer through the router with
// the statuses the document lists.
#include "client/GatewayConnection.h"
#include "client/GatewayRequest.h"
#include "support/InProcessGateway.h"
#include "support/OpenApiContract.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtTest>

using namespace tandem;
using namespace Qt::StringLiterals;

class TestRoutes : public QObject
{
    Q_OBJECT

private:
    test::InProcessGateway m_gateway;

    // One request through the real HTTP stack, checked against the document.
    GatewayRequest *call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        GatewayRequest *request = m_gateway.connection().request(
            method, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
        QSignalSpy finished(request, &GatewayRequest::finished);
        request->start();
        if (!finished.wait(10000))
            return nullptr;
        const QString problem = test::OpenApiContract::instance().check(
            method, u'/' + path.section(u'?', 0, 0), request->httpStatus(), "application/json", request->body());
        if (!problem.isEmpty())
            qWarning("%s", qPrintable(problem));
        return problem.isEmpty() ? request : nullptr;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_gateway.start(), qPrintable(m_gateway.errorString())); }

    void everyRouteIsDocumentedAndEveryDocumentedRouteExists()
    {
        const QJsonObject paths = test::OpenApiContract::instance().document()[u"paths"].toObject();
        QVERIFY(!paths.isEmpty());
        QSet<QString> routed;
        for (const gateway::Router::Route &route : m_gateway.server().router().routes()) {
            const QString path = u'/' + route.pattern;
            const QString method = gateway::Router::methodName(route.method).toLower();
            QVERIFY2(!routed.contains(method + u' ' + path), qPrintable(u"routed twice: "_s + method + u' ' + path));
            routed.insert(method + u' ' + path);
            QVERIFY2(paths[path][method].isObject(),
                     qPrintable(u"%1 %2 is answered but not in openapi.json"_s.arg(method.toUpper(), path)));
        }
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject operations = path.value().toObject();
            for (auto operation = operations.begin(); operation != operations.end(); ++operation) {
                if (operation.key() == u"parameters")
                    continue;
                QVERIFY2(routed.contains(operation.key() + u' ' + path.key()),
                         qPrintable(u"%1 %2 is in openapi.json but no route answers it"_s.arg(operation.key().toUpper(),
                                                                                              path.key())));
            }
        }
    }

    void handlersAnswerThroughTheRouter()
    {
        GatewayRequest *me = call("GET", u"api/v1/me"_s);
        QVERIFY(me);
        QCOMPARE(me->httpStatus(), 200);
        QCOMPARE(me->json()[u"name"].toString(), u"ada"_s);

        GatewayRequest *systems = call("GET", u"api/v1/systems"_s);
        QVERIFY(systems);
        QVERIFY(!systems->json()[u"systems"].toArray().isEmpty());

        // A spec refused by its shape names its field, before any system or file is looked at.
        GatewayRequest *preview
            = call("POST", u"api/v1/jobs/preview"_s,
                   {{u"type"_s, u"compile"_s}, {u"system"_s, u"local"_s}, {u"flags"_s, u"-O2 -Wall"_s}});
        QVERIFY(preview);
        QCOMPARE(preview->httpStatus(), 400);
        QCOMPARE(preview->error().field, u"flags"_s);
        QCOMPARE(preview->error().code, u"shell_string"_s);

        // {id} takes numbers only; anything else is no route.
        GatewayRequest *notANumber = call("GET", u"api/v1/jobs/abc"_s);
        QVERIFY(notANumber);
        QCOMPARE(notANumber->httpStatus(), 404);
        GatewayRequest *missing = call("GET", u"api/v1/jobs/999"_s);
        QVERIFY(missing);
        QCOMPARE(missing->httpStatus(), 404);

        // Admin routes refuse a plain user.
        GatewayRequest *users = call("GET", u"api/v1/users"_s);
        QVERIFY(users);
        QCOMPARE(users->httpStatus(), 403);
        QCOMPARE(users->error().code, u"forbidden"_s);
    }

    void withoutATokenOnlyPublicRoutesAnswer()
    {
        const QByteArray token = m_gateway.connection().token();
        m_gateway.connection().setToken({});
        GatewayRequest *health = call("GET", u"healthz"_s);
        QVERIFY(health);
        QCOMPARE(health->httpStatus(), 200);
        GatewayRequest *jobs = call("GET", u"api/v1/jobs"_s);
        QVERIFY(jobs);
        QCOMPARE(jobs->httpStatus(), 401);
        m_gateway.connection().setToken(token);
    }
};

QTEST_GUILESS_MAIN(TestRoutes)
#include "TestRoutes.moc"
