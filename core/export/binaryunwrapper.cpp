#include "export/binaryunwrapper.h"

#include <array>

namespace {

constexpr qsizetype kMaxSniff = 4096;
constexpr qsizetype kMaxKept = 256; // longest key or kept string value; longer ones are cut (never needed)

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

constexpr std::array<qint8, 256> makeTable()
{
    std::array<qint8, 256> table{};
    for (auto &v : table) {
        v = -1;
    }
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) {
        table[static_cast<unsigned char>(alphabet[i])] = static_cast<qint8>(i);
    }
    return table;
}
constexpr std::array<qint8, 256> kBase64 = makeTable();

// Matches `token` at `pos` after optional whitespace: 1 matched (pos moves past it), 0 need more, -1 mismatch.
int expect(QByteArrayView text, qsizetype &pos, QByteArrayView token)
{
    while (pos < text.size() && isSpace(text[pos])) {
        ++pos;
    }
    const qsizetype available = std::min(text.size() - pos, token.size());
    if (text.sliced(pos, available) != token.first(available)) {
        return -1;
    }
    if (available < token.size()) {
        return 0;
    }
    pos += token.size();
    return 1;
}

} // namespace

BinaryUnwrapper::Sniff BinaryUnwrapper::sniff(QByteArrayView prefix)
{
    qsizetype pos = prefix.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    for (QByteArrayView token :
         {QByteArrayView("{"), QByteArrayView("\"resourceType\""), QByteArrayView(":"), QByteArrayView("\"Binary\"")}) {
        const int m = expect(prefix, pos, token);
        if (m < 0) {
            return Sniff::NotWrapper;
        }
        if (m == 0) {
            return prefix.size() >= kMaxSniff ? Sniff::NotWrapper : Sniff::NeedMore;
        }
    }
    return Sniff::Wrapper;
}

bool BinaryUnwrapper::fail(const QString &reason)
{
    if (m_error.isEmpty()) {
        m_error = reason;
    }
    return false;
}

bool BinaryUnwrapper::feed(QByteArrayView bytes, QByteArray &out)
{
    if (hasFailed()) {
        return false;
    }
    // Decoded output never exceeds 3/4 of the input plus what the pending quantum completes.
    const qsizetype base = out.size();
    out.resize(base + bytes.size() / 4 * 3 + 8);
    char *w = out.data() + base;
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    bool ok = true;

    while (ok && p < end) {
        if (m_state == State::Data) {
            // The hot loop: whole runs of base64 alphabet.
            while (p < end) {
                const qint8 v = kBase64[static_cast<unsigned char>(*p)];
                if (v < 0) {
                    break;
                }
                if (!putSextet(static_cast<quint32>(v), w)) {
                    ok = false;
                    break;
                }
                ++p;
            }
            if (!ok || p == end) {
                break;
            }
        }
        const char c = *p++;
        switch (m_state) {
        case State::Start:
            if (c == '{') {
                m_state = State::KeyOrEnd;
            } else if (!isSpace(c)) {
                ok = fail(tr("the answer is not a JSON object"));
            }
            break;
        case State::KeyOrEnd:
            if (c == '"') {
                m_key.clear();
                m_state = State::Key;
            } else if (c == '}') {
                m_state = State::Done;
            } else if (!isSpace(c)) {
                ok = fail(tr("the Binary resource is not well-formed JSON"));
            }
            break;
        case State::Key:
            if (c == '"') {
                m_state = State::Colon;
            } else {
                if (m_key.size() < kMaxKept) {
                    m_key.append(c);
                }
                m_state = c == '\\' ? State::KeyEscape : State::Key;
            }
            break;
        case State::KeyEscape:
            if (m_key.size() < kMaxKept) {
                m_key.append(c);
            }
            m_state = State::Key;
            break;
        case State::Colon:
            if (c == ':') {
                m_state = State::Value;
            } else if (!isSpace(c)) {
                ok = fail(tr("the Binary resource is not well-formed JSON"));
            }
            break;
        case State::Value:
            if (isSpace(c)) {
                break;
            }
            if (m_key == "data") {
                if (c != '"' || m_sawData) {
                    ok = fail(m_sawData ? tr("the Binary resource has two data members")
                                        : tr("the Binary data is not a string"));
                    break;
                }
                m_sawData = true;
                m_state = State::Data;
            } else if ((m_key == "resourceType" || m_key == "contentType") && c == '"') {
                m_text.clear();
                m_state = State::Text;
            } else {
                m_skipInString = c == '"';
                m_skipEscape = false;
                m_skipDepth = (c == '{' || c == '[') ? 1 : 0;
                m_state = State::Skip; // a scalar's first character is simply part of it
            }
            break;
        case State::Text:
            if (c == '"') {
                const QString value = QString::fromUtf8(m_text);
                (m_key == "resourceType" ? m_resourceType : m_contentType) = value;
                m_state = State::AfterValue;
            } else if (c == '\\') {
                m_state = State::TextEscape;
            } else if (m_text.size() < kMaxKept) {
                m_text.append(c);
            }
            break;
        case State::TextEscape:
            if (m_text.size() < kMaxKept) {
                m_text.append(c == '/' ? '/' : c); // only \/ can occur in a resourceType or MIME type
            }
            m_state = State::Text;
            break;
        case State::Data:
            if (c == '"') {
                ok = endData(w);
                m_state = State::AfterValue;
            } else if (c == '=') {
                if (++m_padding > 2) {
                    ok = fail(tr("the Binary data has too much '=' padding"));
                }
            } else if (c == '\\') {
                m_state = State::DataEscape;
            } else {
                ok = fail(
                    tr("the Binary data is not base64 (byte %1 of the answer)").arg(m_offset + (p - bytes.data())));
            }
            break;
        case State::DataEscape:
            if (c == '/') {
                m_state = State::Data;
                ok = putSextet(static_cast<quint32>(kBase64['/']), w);
            } else if (c == 'n' || c == 'r') {
                m_state = State::Data; // a line-wrapped encoder's line break
            } else {
                ok = fail(tr("the Binary data contains an unexpected escape"));
            }
            break;
        case State::Skip:
            if (m_skipInString) {
                if (m_skipEscape) {
                    m_skipEscape = false;
                } else if (c == '\\') {
                    m_skipEscape = true;
                } else if (c == '"') {
                    m_skipInString = false;
                    if (m_skipDepth == 0) {
                        m_state = State::AfterValue;
                    }
                }
            } else if (m_skipDepth > 0) {
                if (c == '"') {
                    m_skipInString = true;
                } else if (c == '{' || c == '[') {
                    ++m_skipDepth;
                } else if ((c == '}' || c == ']') && --m_skipDepth == 0) {
                    m_state = State::AfterValue;
                }
            } else if (c == ',') { // end of a number or literal
                m_state = State::KeyOrEnd;
            } else if (c == '}') {
                m_state = State::Done;
            } else if (isSpace(c)) {
                m_state = State::AfterValue;
            }
            break;
        case State::AfterValue:
            if (c == ',') {
                m_state = State::KeyOrEnd;
            } else if (c == '}') {
                m_state = State::Done;
            } else if (!isSpace(c)) {
                ok = fail(tr("the Binary resource is not well-formed JSON"));
            }
            break;
        case State::Done:
            if (!isSpace(c)) {
                ok = fail(tr("the answer continues after the Binary resource"));
            }
            break;
        }
    }
    m_offset += p - bytes.data();
    m_decoded += (w - out.constData()) - base;
    out.truncate(w - out.constData());
    return ok;
}

bool BinaryUnwrapper::putSextet(quint32 value, char *&w)
{
    if (m_padding > 0) {
        return fail(tr("the Binary data continues after its '=' padding"));
    }
    m_quantum = (m_quantum << 6) | value;
    if (++m_sextets == 4) {
        *w++ = static_cast<char>(m_quantum >> 16);
        *w++ = static_cast<char>(m_quantum >> 8);
        *w++ = static_cast<char>(m_quantum);
        m_sextets = 0;
        m_quantum = 0;
    }
    return true;
}

bool BinaryUnwrapper::endData(char *&w)
{
    // Missing '=' padding is tolerated; a single leftover sextet cannot encode a byte.
    switch (m_sextets) {
    case 0:
        return m_padding == 0 || fail(tr("the Binary data has misplaced '=' padding"));
    case 1:
        return fail(tr("the Binary data is truncated base64"));
    case 2:
        *w++ = static_cast<char>(m_quantum >> 4);
        break;
    case 3:
        *w++ = static_cast<char>(m_quantum >> 10);
        *w++ = static_cast<char>(m_quantum >> 2);
        break;
    }
    m_sextets = 0;
    m_quantum = 0;
    return true;
}

bool BinaryUnwrapper::finish()
{
    if (hasFailed()) {
        return false;
    }
    if (m_state != State::Done) {
        return fail(tr("the Binary resource ends early (the answer was cut off)"));
    }
    if (m_resourceType != QLatin1String("Binary")) {
        return fail(tr("the answer is a %1, not a Binary resource").arg(m_resourceType));
    }
    if (!m_sawData) {
        return fail(tr("the Binary resource carries no inline data (Ferry does not follow $binary-access-read)"));
    }
    return true;
}
