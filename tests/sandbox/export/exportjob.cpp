#include "export/exportjob.h"

QByteArray ExportJob::stateName() const
{
    if (deleted) {
        return "deleted";
    }
    switch (state) {
    case State::InProgress:
        return "in-progress";
    case State::Completed:
        return "completed";
    case State::Failed:
        return "failed";
    }
    return {};
}
