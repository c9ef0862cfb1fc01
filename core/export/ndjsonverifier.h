#pragma once

#include <QByteArrayView>
#include <QMap>
#include <QStringList>
#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace simdjson::dom {
class object;
class parser;
} // namespace simdjson::dom

// Where and why an NDJSON file failed verification.
struct VerificationError
{
    qint64 line = 0; // 1-based physical line; 0 for the file as a whole (count mismatch, wrapper problems)
    QString reason;  // "not valid JSON (…)", "resourceType is Observation, expected Patient"

    // "line 1,204: not valid JSON (…)", or the bare reason when line is 0. Numbers use the default QLocale.
    QString message() const;
};

// What verification learnt about a file on the way, for the export summary and the quality report. Gathering it
// costs two key lookups per line on an object simdjson has already parsed (see tests/bench/bench_verify).
struct NdjsonFacts
{
    qint64 lines = 0;                   // physical lines, blank ones included; a last line without '\n' counts
    qint64 resources = 0;               // JSON objects checked against the type; header lines excluded
    qint64 headerLines = 0;             // STU3 organizeOutputBy `Parameters` header lines
    qint64 emptyLines = 0;              // blank or whitespace-only lines: tolerated, reported
    qint64 firstEmptyLine = 0;          // line number of the first one, 0 if none
    qint64 crlfLines = 0;               // lines that ended in "\r\n"
    qint64 withId = 0;                  // resources with a string `id`
    qint64 withoutLastUpdated = 0;      // resources without meta.lastUpdated (a later _since cannot see them change)
    qint64 longestLine = 0;             // bytes, without the line end
    bool byteOrderMark = false;         // the file began with a UTF-8 BOM (skipped)
    bool endsWithNewline = true;        // false when the last line had no '\n' (allowed)
    qint64 idsLongerThan64 = 0;         // FHIR limits ids to 64 characters; Epic's are longer
    std::vector<quint64> idHashes;      // 64-bit hash of "type/id" per resource: duplicates across files, 8 B each
    QMap<QString, qint64> outcomeCodes; // OperationOutcome files: "severity/code" → issues
    QStringList firstDiagnostics;       // OperationOutcome files: the first few diagnostics

    // FNV-1a of "type/id": collisions among millions of ids are vanishingly rare at 64 bits.
    static quint64 idHash(std::string_view type, std::string_view id);
};

// Verifies NDJSON incrementally, fed chunks split anywhere (inside a line, inside a UTF-8 sequence, between '\r'
// and '\n'). Every non-blank line must be exactly one JSON object (full validation, UTF-8 included, by simdjson's
// DOM parser) with a string resourceType equal to the expected type; blank lines are counted, not failed; "\r\n"
// is accepted; the last line may lack its '\n'. finish() ends the stream and compares the resource count with
// the manifest's. The first failure sticks: feed() and finish() return false from then on and error() says
// which line and why (never quoting the line: it may hold patient data).
//
// Memory is bounded by maxLineLength: a line is only copied when it spans chunks or sits too close to a chunk's
// end for simdjson's padding; anything longer than the limit fails as soon as the limit is passed. simdjson's
// parser grows to the longest line seen (its tape is reserved, not touched, beyond what a line uses).
// Not thread-safe; one instance per file.
class NdjsonVerifier
{
    Q_DECLARE_TR_FUNCTIONS(NdjsonVerifier)

public:
    static constexpr qsizetype kDefaultMaxLineLength = 64 * 1024 * 1024;

    struct Options
    {
        QString expectedType;                // empty: any resourceType (entries without a type)
        std::optional<qint64> expectedCount; // the manifest's `count`
        bool allowHeaderLines = false;       // organizeOutputBy: Parameters header lines may appear anywhere
        qsizetype maxLineLength = kDefaultMaxLineLength;
    };

    NdjsonVerifier();
    explicit NdjsonVerifier(const Options &options);
    ~NdjsonVerifier();
    NdjsonVerifier(const NdjsonVerifier &) = delete;
    NdjsonVerifier &operator=(const NdjsonVerifier &) = delete;

    bool feed(QByteArrayView bytes);
    bool finish(); // end of the stream; call once
    void reset();  // forget everything (a download that restarts from byte 0)

    bool hasFailed() const { return m_error.has_value(); }
    const std::optional<VerificationError> &error() const { return m_error; }
    const NdjsonFacts &facts() const { return m_facts; }
    qint64 bytesFed() const { return m_bytesFed; }
    const Options &options() const { return m_options; }

private:
    bool appendToCarry(const char *data, size_t size);
    bool checkLine(const char *data, size_t size, bool padded);
    bool fail(qint64 line, const QString &reason);
    void collectOutcome(simdjson::dom::object object);

    Options m_options;
    std::string m_expectedType; // UTF-8, compared with simdjson's string_view
    std::unique_ptr<simdjson::dom::parser> m_parser;
    std::vector<char> m_carry; // an unfinished line (or a copy of one near a chunk's end), with padding room
    size_t m_carrySize = 0;    // > 0 while a line is unfinished
    qint64 m_bytesFed = 0;
    bool m_finished = false;
    NdjsonFacts m_facts;
    std::optional<VerificationError> m_error;
};
