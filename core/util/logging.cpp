#include "util/logging.h"

Q_LOGGING_CATEGORY(lcExport, "ferry.export", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "ferry.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDownload, "ferry.download", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "ferry.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "ferry.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcVendor, "ferry.vendor", QtInfoMsg)
