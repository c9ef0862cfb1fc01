#include "util/jsontext.h"

#include <cstring>

namespace {

char hexDigit(unsigned u)
{
    return static_cast<char>(u < 10 ? '0' + u : 'a' + u - 10);
}

void appendEscapedAscii(QByteArray &out, char16_t u)
{
    out.append('\\');
    switch (u) {
    case 0x22:
        out.append('"');
        return;
    case 0x5c:
        out.append('\\');
        return;
    case 0x08:
        out.append('b');
        return;
    case 0x0c:
        out.append('f');
        return;
    case 0x0a:
        out.append('n');
        return;
    case 0x0d:
        out.append('r');
        return;
    case 0x09:
        out.append('t');
        return;
    default:
        break;
    }
    const char escape[] = {'u', '0', '0', hexDigit((u >> 4) & 0xf), hexDigit(u & 0xf)};
    out.append(escape, sizeof escape);
}

bool needsEscape(char16_t u)
{
    return u < 0x20 || u == 0x22 || u == 0x5c;
}

} // namespace

namespace JsonText {

void appendString(QByteArray &out, QStringView text)
{
    out.reserve(out.size() + text.size() + 2);
    out.append('"');
    const char16_t *src = text.utf16();
    const char16_t *const end = src + text.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            if (needsEscape(u)) {
                appendEscapedAscii(out, u);
            } else {
                out.append(static_cast<char>(u));
            }
        } else if (u < 0x800) {
            const char bytes[] = {static_cast<char>(0xc0 | (u >> 6)), static_cast<char>(0x80 | (u & 0x3f))};
            out.append(bytes, sizeof bytes);
        } else if (u >= 0xd800 && u < 0xdc00 && src != end && *src >= 0xdc00 && *src < 0xe000) {
            const char32_t c = 0x10000 + ((char32_t(u) - 0xd800) << 10) + (char32_t(*src++) - 0xdc00);
            const char bytes[] = {static_cast<char>(0xf0 | (c >> 18)), static_cast<char>(0x80 | ((c >> 12) & 0x3f)),
                                  static_cast<char>(0x80 | ((c >> 6) & 0x3f)), static_cast<char>(0x80 | (c & 0x3f))};
            out.append(bytes, sizeof bytes);
        } else if (u >= 0xd800 && u < 0xe000) {
            // A lone surrogate has no UTF-8 form; QJsonDocument writes it as an escape.
            const char escape[] = {'\\',
                                   'u',
                                   hexDigit((u >> 12) & 0xf),
                                   hexDigit((u >> 8) & 0xf),
                                   hexDigit((u >> 4) & 0xf),
                                   hexDigit(u & 0xf)};
            out.append(escape, sizeof escape);
        } else {
            const char bytes[] = {static_cast<char>(0xe0 | (u >> 12)), static_cast<char>(0x80 | ((u >> 6) & 0x3f)),
                                  static_cast<char>(0x80 | (u & 0x3f))};
            out.append(bytes, sizeof bytes);
        }
    }
    out.append('"');
}

void appendLatin1(QByteArray &out, QByteArrayView latin1)
{
    out.reserve(out.size() + latin1.size() + 2);
    out.append('"');
    for (const char c : latin1) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80) {
            if (needsEscape(u)) {
                appendEscapedAscii(out, u);
            } else {
                out.append(c);
            }
        } else {
            const char bytes[] = {static_cast<char>(0xc0 | (u >> 6)), static_cast<char>(0x80 | (u & 0x3f))};
            out.append(bytes, sizeof bytes);
        }
    }
    out.append('"');
}

void appendKey(QByteArray &out, const char *key, bool first)
{
    if (!first) {
        out.append(',');
    }
    out.append('"');
    out.append(key, static_cast<qsizetype>(std::strlen(key)));
    out.append("\":", 2);
}

} // namespace JsonText
