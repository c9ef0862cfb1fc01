#include "data/elementsubsetter.h"

namespace {

// Index just past the JSON value starting at i (string, number, literal, object or array).
size_t skipValue(std::string_view s, size_t i)
{
    if (s[i] == '"') {
        for (++i; i < s.size(); ++i) {
            if (s[i] == '\\') {
                ++i;
            } else if (s[i] == '"') {
                return i + 1;
            }
        }
        return s.size();
    }
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        for (; i < s.size(); ++i) {
            const char c = s[i];
            if (c == '"') {
                i = skipValue(s, i) - 1;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return s.size();
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}') {
        ++i;
    }
    return i;
}

constexpr std::string_view kTag =
    "\"tag\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ObservationValue\",\"code\":\"SUBSETTED\","
    "\"display\":\"subsetted\"}]";

} // namespace

ElementSubsetter::ElementSubsetter(const QByteArrayList &elements)
    : m_elements(elements)
{
}

bool ElementSubsetter::keeps(std::string_view type, std::string_view member) const
{
    for (const QByteArray &e : m_elements) {
        const std::string_view element(e.constData(), static_cast<size_t>(e.size()));
        const size_t dot = element.find('.');
        if (dot == std::string_view::npos) {
            if (element == member) {
                return true;
            }
        } else if (element.substr(0, dot) == type && element.substr(dot + 1) == member) {
            return true;
        }
    }
    return false;
}

void ElementSubsetter::apply(std::string_view type, std::string_view json, std::string &out) const
{
    // Our renderer writes members as "key":value with no whitespace, and keys without escapes.
    std::string kept;
    std::string_view meta;
    size_t i = 1;
    while (i < json.size() && json[i] == '"') {
        const size_t keyEnd = json.find('"', i + 1);
        const std::string_view key = json.substr(i + 1, keyEnd - i - 1);
        const size_t valueStart = keyEnd + 2;
        const size_t valueEnd = skipValue(json, valueStart);
        const std::string_view member = json.substr(i, valueEnd - i);
        if (key == "meta") {
            meta = json.substr(valueStart, valueEnd - valueStart);
        } else if (key == "resourceType" || key == "id" || keeps(type, key)) {
            kept += kept.empty() ? "" : ",";
            kept += member;
        }
        i = valueEnd + (valueEnd < json.size() && json[valueEnd] == ',' ? 1 : 0);
    }
    // Re-insert meta right after id with the tag appended to whatever it held.
    const size_t idEnd = skipValue(kept, kept.find("\"id\":") + 5);
    std::string newMeta = ",\"meta\":{";
    if (meta.size() > 2) {
        newMeta.append(meta.substr(1, meta.size() - 2));
        newMeta += ',';
    }
    newMeta += kTag;
    newMeta += '}';
    kept.insert(idEnd, newMeta);
    out += '{';
    out += kept;
    out += '}';
}
