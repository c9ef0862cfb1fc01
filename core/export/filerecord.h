#pragma once

#include "fhir/manifest.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QString>
#include <QUrl>

#include <optional>

// One manifest file as the export tracks it: where it comes from, where it goes, and how far it got.
// Journaled; the `.part` file's size, not this record, is the truth about partial bytes.
struct FileRecord
{
    enum class State {
        Pending,     // waiting for a download slot
        Downloading, // an attempt is running (or was, when the process died)
        Verified,    // complete, verified, renamed into place
        Failed,      // retries exhausted or a fatal answer; the .part stays for a later retry
        Rejected,    // downloaded but failed verification; kept aside in rejected/
        Expired,     // the server no longer serves it (404/410 past Expires, no fresh link)
        Unusable,    // the manifest entry cannot be fetched (no URL, unknown scheme)
    };

    int index = 0; // position in the export, stable across restarts
    ManifestEntry::Kind kind = ManifestEntry::Kind::Output;
    QString type;
    QUrl url;
    std::optional<qint64> count;
    QString name; // path relative to the export directory: "Patient.000001.ndjson", "errors/…"
    State state = State::Pending;
    qint64 bytes = 0;
    qint64 lines = 0;
    QByteArray sha256; // hex
    QByteArray etag;
    QByteArray lastModified;
    bool contentEncoded = false; // the .part came gzip-decoded (its ETag names the gzip variant)
    int attempts = 0;
    QString message;   // why it failed / was rejected, in words
    QDateTime expires; // from the manifest response's Expires header

    // What verification learnt, for the quality report (the ids themselves are hashed into a side file).
    qint64 withoutLastUpdated = 0;
    qint64 idsLongerThan64 = 0;
    QMap<QString, qint64> outcomeCodes; // error files: "severity/code" → issues
    QStringList firstDiagnostics;       // error files

    bool isFinal() const { return state != State::Pending && state != State::Downloading; }
    ManifestEntry entry() const;

    static QString stateName(State state);
    static std::optional<State> stateFromName(const QString &name);
    QJsonObject toJson() const;
    // Appends exactly QJsonDocument(toJson()).toJson(Compact) without building the object: the journal writes one
    // record per file event and every file in each snapshot, and the object costs several times the text.
    void appendJson(QByteArray &out) const;
    static FileRecord fromJson(const QJsonObject &json);
};
