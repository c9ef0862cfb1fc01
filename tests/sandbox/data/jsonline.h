#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>

// Appends JSON fragments to a std::string without building a document: the renderer's hot path. Literal
// fragments go in verbatim; str() escapes; dates are formatted arithmetically (no QDateTime per resource).
class JsonLine
{
public:
    explicit JsonLine(std::string &out)
        : m_out(out)
    {
    }

    JsonLine &raw(std::string_view s)
    {
        m_out.append(s);
        return *this;
    }
    JsonLine &str(std::string_view s);        // "escaped"
    JsonLine &num(qint64 v);                  // 42
    JsonLine &tenths(qint64 v);               // 4.2 for 42
    JsonLine &instant(qint64 epochSeconds);   // "2019-03-04T10:20:30Z"
    JsonLine &date(qint64 epochSeconds);      // "2019-03-04"
    JsonLine &base64(std::string_view bytes); // "...." (standard alphabet, padded)
    JsonLine &coding(const char *system, const char *code, const char *display = nullptr); // {"system":..}
    std::string &out() { return m_out; }

    static void appendEscaped(std::string &out, std::string_view s);
    static void appendDate(std::string &out, qint64 epochSeconds, bool withTime);

private:
    std::string &m_out;
};
