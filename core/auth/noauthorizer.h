#pragma once

#include "auth/authorizer.h"

// For open servers (the sandbox without auth, public test servers): sends no credential.
class NoAuthorizer : public Authorizer
{
    Q_OBJECT

public:
    using Authorizer::Authorizer;
    void apply(QNetworkRequest &) const override {}
    QString describe() const override { return tr("No authorization"); }

protected:
    bool isFresh() const override { return true; }
    void renew() override { finishRenewal(std::nullopt); }
};
