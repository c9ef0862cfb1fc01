#include "data/jsonline.h"

#include <charconv>

namespace {

// Howard Hinnant's days-to-civil: proleptic Gregorian date from days since 1970-01-01.
void civilFromDays(qint64 z, int &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

void two(std::string &out, unsigned v)
{
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

} // namespace

void JsonLine::appendEscaped(std::string &out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.push_back('\\');
            out.push_back(c);
        } else if (u < 0x20) {
            out.append("\\u00");
            out.push_back(kHex[u >> 4]);
            out.push_back(kHex[u & 0xf]);
        } else {
            out.push_back(c);
        }
    }
}

void JsonLine::appendDate(std::string &out, qint64 epochSeconds, bool withTime)
{
    const qint64 days = epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400;
    const qint64 secs = epochSeconds - days * 86400;
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civilFromDays(days, y, m, d);
    char buf[8];
    const auto r = std::to_chars(buf, buf + sizeof buf, y);
    out.append(buf, static_cast<size_t>(r.ptr - buf));
    out.push_back('-');
    two(out, m);
    out.push_back('-');
    two(out, d);
    if (withTime) {
        out.push_back('T');
        two(out, static_cast<unsigned>(secs / 3600));
        out.push_back(':');
        two(out, static_cast<unsigned>(secs / 60 % 60));
        out.push_back(':');
        two(out, static_cast<unsigned>(secs % 60));
        out.push_back('Z');
    }
}

JsonLine &JsonLine::str(std::string_view s)
{
    m_out.push_back('"');
    appendEscaped(m_out, s);
    m_out.push_back('"');
    return *this;
}

JsonLine &JsonLine::num(qint64 v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    m_out.append(buf, static_cast<size_t>(r.ptr - buf));
    return *this;
}

JsonLine &JsonLine::tenths(qint64 v)
{
    if (v < 0) {
        m_out.push_back('-');
        v = -v;
    }
    num(v / 10);
    m_out.push_back('.');
    m_out.push_back(static_cast<char>('0' + v % 10));
    return *this;
}

JsonLine &JsonLine::instant(qint64 epochSeconds)
{
    m_out.push_back('"');
    appendDate(m_out, epochSeconds, true);
    m_out.push_back('"');
    return *this;
}

JsonLine &JsonLine::date(qint64 epochSeconds)
{
    m_out.push_back('"');
    appendDate(m_out, epochSeconds, false);
    m_out.push_back('"');
    return *this;
}

JsonLine &JsonLine::base64(std::string_view bytes)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    m_out.push_back('"');
    size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        m_out.push_back(kAlphabet[v >> 18]);
        m_out.push_back(kAlphabet[(v >> 12) & 63]);
        m_out.push_back(kAlphabet[(v >> 6) & 63]);
        m_out.push_back(kAlphabet[v & 63]);
    }
    if (const size_t rest = bytes.size() - i; rest > 0) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) {
            v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        }
        m_out.push_back(kAlphabet[v >> 18]);
        m_out.push_back(kAlphabet[(v >> 12) & 63]);
        m_out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
        m_out.push_back('=');
    }
    m_out.push_back('"');
    return *this;
}

JsonLine &JsonLine::coding(const char *system, const char *code, const char *display)
{
    raw("{\"system\":\"").raw(system).raw("\",\"code\":\"").raw(code);
    if (display) {
        raw("\",\"display\":\"").raw(display);
    }
    return raw("\"}");
}
