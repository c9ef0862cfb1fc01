#pragma once

#include "net/networkjob.h"

// The answer to DELETE on a status URL.
struct DeleteResult
{
    enum class Outcome {
        Deleted,     // 2xx
        AlreadyGone, // 404: the server deleted the job itself (HAPI) or it expired
        Refused,     // 403 where the vendor does not allow clean-up (1upHealth population endpoints)
        Failed,
    };
    Outcome outcome = Outcome::Failed;
    HttpFailure failure;

    bool isSuccess() const { return outcome != Outcome::Failed; }
};

// DELETE [status URL]: cancels a running export or lets the server free a finished one's files.
class DeleteJob : public NetworkJob
{
    Q_OBJECT

public:
    DeleteJob(const NetworkContext &context, const QUrl &statusUrl, QObject *parent = nullptr);

signals:
    void finished(const DeleteResult &result);

protected:
    void succeeded(const HttpResponse &response) override;
    void failed(const HttpFailure &failure) override;
};
