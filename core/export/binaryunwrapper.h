#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

// HAPI FHIR can answer an output file's URL with the FHIR Binary resource that holds the file instead of the file:
//   {"resourceType":"Binary","contentType":"application/fhir+ndjson","data":"<base64 of the NDJSON>"}
// BinaryUnwrapper decodes such a wrapper as it streams in: the top-level object is tokenised with bounded state
// (other members such as `meta` are skipped whatever their size), the `data` string is base64-decoded into the
// caller's buffer chunk by chunk, and nothing but the small string members is ever held. JSON escapes inside
// `data` are accepted where they can occur in base64 ("\/", and "\n"/"\r" from line-wrapped encoders).
//
// sniff() decides from the first bytes whether a body is such a wrapper. The first failure sticks.
// Not thread-safe; one instance per body.
class BinaryUnwrapper
{
    Q_DECLARE_TR_FUNCTIONS(BinaryUnwrapper)

public:
    enum class Sniff { NeedMore, Wrapper, NotWrapper };

    // True for a body that starts (after whitespace) with {"resourceType":"Binary" — the member HAPI writes
    // first. NeedMore until enough bytes have arrived to tell.
    static Sniff sniff(QByteArrayView prefix);

    // Appends the bytes decoded from `bytes` to `out` (at most 3/4 of bytes.size()). False once the input is
    // not a well-formed wrapper.
    bool feed(QByteArrayView bytes, QByteArray &out);
    // End of the body: the object must be complete, a Binary, and have carried inline `data`.
    bool finish();

    bool hasFailed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString resourceType() const { return m_resourceType; }
    QString contentType() const { return m_contentType; } // the wrapper's own, e.g. application/fhir+ndjson
    qint64 decodedBytes() const { return m_decoded; }

private:
    enum class State {
        Start,      // before '{'
        KeyOrEnd,   // after '{': a key or '}'
        Key,        // inside a key string
        KeyEscape,  // after '\' inside a key
        Colon,      // after a key
        Value,      // after ':'
        Text,       // a string member we keep (resourceType, contentType)
        TextEscape, // after '\' inside it
        Data,       // inside the base64 `data` string
        DataEscape, // after '\' inside it
        Skip,       // inside a member we do not need (nested values, numbers, literals)
        AfterValue, // ',' or '}'
        Done,       // after the closing '}': only whitespace may follow
    };

    bool fail(const QString &reason);
    bool putSextet(quint32 value, char *&w);
    bool endData(char *&w);

    State m_state = State::Start;
    QByteArray m_key;
    QByteArray m_text;
    QString m_resourceType;
    QString m_contentType;
    // Skipping a value: nesting depth and string state, enough to find where the member ends.
    int m_skipDepth = 0;
    bool m_skipInString = false;
    bool m_skipEscape = false;
    // Base64: up to three pending sextets, and the '=' padding seen.
    quint32 m_quantum = 0;
    int m_sextets = 0;
    int m_padding = 0;
    bool m_sawData = false;
    qint64 m_decoded = 0;
    qint64 m_offset = 0; // bytes consumed, for messages
    QString m_error;
};
