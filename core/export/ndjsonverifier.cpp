#include "export/ndjsonverifier.h"

#include <QLocale>

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace {

constexpr size_t kPadding = simdjson::SIMDJSON_PADDING;

bool isBlank(const char *data, size_t size)
{
    for (size_t i = 0; i < size; ++i) {
        if (data[i] != ' ' && data[i] != '\t') {
            return false;
        }
    }
    return true;
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString byteSize(qint64 n)
{
    return QLocale().formattedDataSize(n, n % (1024 * 1024) == 0 ? 0 : 1, QLocale::DataSizeIecFormat);
}

// A value a server wrote, shortened for a message (a resourceType is short; a hostile one need not be).
QString excerpt(std::string_view text)
{
    constexpr size_t kMax = 64;
    QString s = QString::fromUtf8(text.data(), static_cast<qsizetype>(std::min(text.size(), kMax)));
    return text.size() > kMax ? s + QStringLiteral("…") : s;
}

QString kindName(simdjson::dom::element_type type)
{
    using T = simdjson::dom::element_type;
    switch (type) {
    case T::ARRAY:
        return QStringLiteral("an array");
    case T::STRING:
        return QStringLiteral("a string");
    case T::INT64:
    case T::UINT64:
    case T::DOUBLE:
        return QStringLiteral("a number");
    case T::BOOL:
        return QStringLiteral("a boolean");
    case T::NULL_VALUE:
        return QStringLiteral("null");
    case T::OBJECT:
        break;
    }
    return QStringLiteral("an object");
}

// A STU3 organizeOutputBy header: a Parameters resource whose first parameter is named "header".
std::string_view stringAt(simdjson::dom::object object, std::string_view key)
{
    std::string_view value;
    return object[key].get(value) == simdjson::SUCCESS ? value : std::string_view();
}

bool isHeader(simdjson::dom::object object)
{
    simdjson::dom::array parameters;
    if (object["parameter"].get(parameters) != simdjson::SUCCESS) {
        return false;
    }
    for (simdjson::dom::element p : parameters) {
        std::string_view name;
        return p["name"].get(name) == simdjson::SUCCESS && name == "header";
    }
    return false;
}

} // namespace

QString VerificationError::message() const
{
    if (line <= 0) {
        return reason;
    }
    return NdjsonVerifier::tr("line %1: %2").arg(number(line), reason);
}

NdjsonVerifier::NdjsonVerifier()
    : NdjsonVerifier(Options{})
{
}

NdjsonVerifier::NdjsonVerifier(const Options &options)
    : m_options(options)
    , m_expectedType(options.expectedType.toStdString())
    , m_parser(
          std::make_unique<simdjson::dom::parser>(static_cast<size_t>(std::max<qsizetype>(options.maxLineLength, 1))))
{
}

NdjsonVerifier::~NdjsonVerifier() = default;

void NdjsonVerifier::reset()
{
    m_carrySize = 0;
    m_bytesFed = 0;
    m_finished = false;
    m_facts = {};
    m_error.reset();
}

bool NdjsonVerifier::fail(qint64 line, const QString &reason)
{
    if (!m_error) {
        m_error = VerificationError{line, reason};
    }
    return false;
}

bool NdjsonVerifier::appendToCarry(const char *data, size_t size)
{
    // A line may end in "\r", which is not part of its length, so allow one byte more before failing.
    const size_t limit = static_cast<size_t>(m_options.maxLineLength) + 1;
    if (m_carrySize + size > limit) {
        m_facts.longestLine = std::max<qint64>(m_facts.longestLine, static_cast<qint64>(m_carrySize + size));
        return fail(m_facts.lines + 1, tr("longer than the limit of %1").arg(byteSize(m_options.maxLineLength)));
    }
    if (m_carry.size() < m_carrySize + size + kPadding) {
        m_carry.resize(std::max(m_carrySize + size + kPadding, std::min(m_carry.size() * 2, limit + kPadding)));
    }
    std::memcpy(m_carry.data() + m_carrySize, data, size);
    m_carrySize += size;
    return true;
}

bool NdjsonVerifier::feed(QByteArrayView bytes)
{
    Q_ASSERT(!m_finished);
    if (m_error) {
        return false;
    }
    m_bytesFed += bytes.size();
    const char *p = bytes.data();
    const char *const end = p + bytes.size();

    if (m_carrySize > 0 && p < end) { // finish the line an earlier chunk began
        const auto *nl = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        if (!appendToCarry(p, static_cast<size_t>((nl ? nl : end) - p))) {
            return false;
        }
        if (!nl) {
            return true;
        }
        const size_t size = std::exchange(m_carrySize, 0);
        if (!checkLine(m_carry.data(), size, true)) {
            return false;
        }
        p = nl + 1;
    }
    while (p < end) {
        const auto *nl = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
        if (!nl) {
            return appendToCarry(p, static_cast<size_t>(end - p));
        }
        // Zero-copy when simdjson may read its padding past the line's end without leaving the chunk.
        if (!checkLine(p, static_cast<size_t>(nl - p), static_cast<size_t>(end - nl) >= kPadding)) {
            return false;
        }
        p = nl + 1;
    }
    return true;
}

bool NdjsonVerifier::finish()
{
    Q_ASSERT(!m_finished);
    m_finished = true;
    if (m_error) {
        return false;
    }
    if (m_carrySize > 0) {
        m_facts.endsWithNewline = false;
        const size_t size = std::exchange(m_carrySize, 0);
        if (!checkLine(m_carry.data(), size, true)) {
            return false;
        }
    }
    if (m_options.expectedCount) {
        const qint64 expected = *m_options.expectedCount;
        // STU3 leaves open whether `count` includes organizeOutputBy header lines; accept either reading.
        if (expected != m_facts.resources && expected != m_facts.resources + m_facts.headerLines) {
            return fail(0, tr("the file has %1 resources but the manifest says %2")
                               .arg(number(m_facts.resources), number(expected)));
        }
    }
    return true;
}

bool NdjsonVerifier::checkLine(const char *data, size_t size, bool padded)
{
    const qint64 line = ++m_facts.lines;
    if (size > 0 && data[size - 1] == '\r') {
        --size;
        ++m_facts.crlfLines;
    }
    if (line == 1 && size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        m_facts.byteOrderMark = true;
        data += 3;
        size -= 3;
    }
    m_facts.longestLine = std::max<qint64>(m_facts.longestLine, static_cast<qint64>(size));
    if (size > static_cast<size_t>(m_options.maxLineLength)) {
        return fail(line, tr("longer than the limit of %1").arg(byteSize(m_options.maxLineLength)));
    }
    if (size == 0 || isBlank(data, size)) {
        ++m_facts.emptyLines;
        if (m_facts.firstEmptyLine == 0) {
            m_facts.firstEmptyLine = line;
        }
        return true;
    }
    if (!padded) {
        // Close to the chunk's end: copy into the (idle) carry buffer, which keeps padding room.
        if (m_carry.size() < size + kPadding) {
            m_carry.resize(size + kPadding);
        }
        std::memcpy(m_carry.data(), data, size);
        data = m_carry.data();
    }

    simdjson::dom::element root;
    const simdjson::error_code parsed = m_parser->parse(data, size, false).get(root);
    if (parsed != simdjson::SUCCESS) {
        if (parsed == simdjson::UTF8_ERROR) {
            return fail(line, tr("not valid UTF-8"));
        }
        return fail(line, tr("not valid JSON (%1)").arg(QString::fromUtf8(simdjson::error_message(parsed))));
    }
    simdjson::dom::object object;
    if (root.get(object) != simdjson::SUCCESS) {
        return fail(line, tr("%1, not a JSON object").arg(kindName(root.type())));
    }
    std::string_view type;
    const auto typeField = object["resourceType"];
    if (typeField.error() == simdjson::NO_SUCH_FIELD) {
        return fail(line, tr("the object has no resourceType"));
    }
    if (typeField.get(type) != simdjson::SUCCESS) {
        return fail(line, tr("resourceType is not a string"));
    }
    if (m_options.allowHeaderLines && type == "Parameters" && isHeader(object)) {
        ++m_facts.headerLines;
        return true;
    }
    if (!m_expectedType.empty() && type != m_expectedType) {
        return fail(line, tr("resourceType is %1, expected %2").arg(excerpt(type), m_options.expectedType));
    }
    ++m_facts.resources;
    std::string_view id;
    if (object["id"].get(id) == simdjson::SUCCESS) {
        ++m_facts.withId;
        m_facts.idHashes.push_back(NdjsonFacts::idHash(type, id));
        m_facts.idsLongerThan64 += id.size() > 64;
    }
    if (type == "OperationOutcome") {
        collectOutcome(object);
        return true;
    }
    if (object["meta"]["lastUpdated"].error() != simdjson::SUCCESS) {
        ++m_facts.withoutLastUpdated;
    }
    return true;
}

quint64 NdjsonFacts::idHash(std::string_view type, std::string_view id)
{
    quint64 h = 1469598103934665603ULL;
    auto mix = [&h](std::string_view s) {
        for (const char c : s) {
            h ^= static_cast<unsigned char>(c);
            h *= 1099511628211ULL;
        }
    };
    mix(type);
    mix("/");
    mix(id);
    return h;
}

void NdjsonVerifier::collectOutcome(simdjson::dom::object object)
{
    simdjson::dom::array issues;
    if (object["issue"].get(issues) != simdjson::SUCCESS) {
        return;
    }
    for (simdjson::dom::element element : issues) {
        simdjson::dom::object issue;
        if (element.get(issue) != simdjson::SUCCESS) {
            continue;
        }
        const std::string_view severity = stringAt(issue, "severity");
        const std::string_view code = stringAt(issue, "code");
        ++m_facts.outcomeCodes[QString::fromUtf8(severity.data(), qsizetype(severity.size())) + QLatin1Char('/') +
                               QString::fromUtf8(code.data(), qsizetype(code.size()))];
        const std::string_view diagnostics = stringAt(issue, "diagnostics");
        if (!diagnostics.empty() && m_facts.firstDiagnostics.size() < 5) {
            m_facts.firstDiagnostics << QString::fromUtf8(diagnostics.data(), qsizetype(diagnostics.size())).left(300);
        }
    }
}
