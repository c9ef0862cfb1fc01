#include "server/base64wrapsource.h"

#include <cstring>

Base64WrapSource::Base64WrapSource(std::unique_ptr<BodySource> inner, qint64 innerSize)
    : m_inner(std::move(inner))
    , m_innerSize(innerSize)
    , m_prefix("{\"resourceType\":\"Binary\",\"contentType\":\"application/fhir+ndjson\",\"data\":\"")
    , m_suffix("\"}")
{
}

qint64 Base64WrapSource::size() const
{
    return m_prefix.size() + (m_innerSize + 2) / 3 * 4 + m_suffix.size();
}

qint64 Base64WrapSource::copy(const QByteArray &from, qint64 &pos, char *dst, qint64 max)
{
    const qint64 n = std::min(max, from.size() - pos);
    std::memcpy(dst, from.constData() + pos, static_cast<size_t>(n));
    pos += n;
    return n;
}

qint64 Base64WrapSource::read(char *dst, qint64 max)
{
    qint64 written = copy(m_prefix, m_prefixPos, dst, max);
    while (written < max) {
        if (m_encodedPos < m_encoded.size()) {
            written += copy(m_encoded, m_encodedPos, dst + written, max - written);
            continue;
        }
        if (m_innerDone) {
            break;
        }
        // Encode whole 3-byte groups; keep the remainder for the next round (or pad it at the end).
        QByteArray chunk(192 * 1024, Qt::Uninitialized);
        const qint64 n = m_inner->read(chunk.data(), chunk.size());
        if (n <= 0) {
            m_innerDone = true;
            m_encoded = m_raw.toBase64();
            m_raw.clear();
        } else {
            m_raw.append(chunk.constData(), n);
            const qsizetype whole = m_raw.size() / 3 * 3;
            m_encoded = m_raw.left(whole).toBase64();
            m_raw.remove(0, whole);
        }
        m_encodedPos = 0;
    }
    if (m_innerDone && m_encodedPos >= m_encoded.size()) {
        written += copy(m_suffix, m_suffixPos, dst + written, max - written);
    }
    return written;
}
