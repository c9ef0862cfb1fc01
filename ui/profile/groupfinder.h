#pragma once

#include "preflight/groupsearch.h"
#include "store/serverprofile.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

class AppServices;
class Authorizer;
class AuthorizerFactory;

// "Find groups" for the profile being edited: builds its authorizer (typed secrets override the stored ones),
// then runs core's GroupSearch. One search per object; finished() exactly once, never synchronously.
class GroupFinder : public QObject
{
    Q_OBJECT

public:
    GroupFinder(AppServices *services, QObject *parent = nullptr);
    ~GroupFinder() override;

    void start(const ServerProfile &profile, const QHash<QString, QString> &pendingSecrets, const QString &name = {});

signals:
    void finished(const GroupSearchResult &result);

private:
    void search(const ServerProfile &profile, const QString &name);

    AppServices *m_services;
    std::unique_ptr<AuthorizerFactory> m_factory;
    std::unique_ptr<Authorizer> m_authorizer;
    QPointer<GroupSearch> m_search;
};
