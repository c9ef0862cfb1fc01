#include "export/filecontent.h"

namespace {
constexpr qint64 kExtraLines = 2; // how many lines ExtraLines corruption appends beyond the manifest count
}

FileContent::FileContent(std::shared_ptr<const ExportData> data, Kind kind, size_t begin, size_t end,
                         FaultConfig::Corruption corruption, int corruptLine)
    : m_data(std::move(data))
    , m_renderer(*m_data->population, m_data->render)
    , m_kind(kind)
    , m_begin(begin)
    , m_end(end)
    , m_corruption(corruption)
    , m_corruptLine(corruptLine)
{
}

qint64 FileContent::lineCount() const
{
    const auto n = static_cast<qint64>(m_end - m_begin);
    return m_corruption == FaultConfig::Corruption::ExtraLines ? n + kExtraLines : n;
}

void FileContent::appendResource(size_t index, std::string &out) const
{
    switch (m_kind) {
    case Kind::Error: {
        const QByteArray &line = m_data->errorLines[static_cast<qsizetype>(index)];
        out.append(line.constData(), static_cast<size_t>(line.size()));
        return;
    }
    case Kind::Deleted:
        m_renderer.renderDeletion(m_data->deleted[index], out);
        return;
    case Kind::Output:
        break;
    }
    const ResourceKey &key = m_data->keys[index];
    if (!m_data->subsetter.isActive()) {
        m_renderer.render(key, out);
        return;
    }
    std::string full;
    m_renderer.render(key, full);
    m_data->subsetter.apply(ResourceTypes::cname(key.type), full, out);
}

void FileContent::appendLine(qint64 i, std::string &out) const
{
    const auto count = static_cast<qint64>(m_end - m_begin);
    // Extra lines repeat the file's first resources: valid JSON, right type, but more than the manifest's count.
    const size_t index = m_begin + static_cast<size_t>(i < count ? i : (i - count) % std::max<qint64>(count, 1));
    const bool hit = m_corruption != FaultConfig::Corruption::None && i == m_corruptLine - 1;
    if (!hit || m_corruption == FaultConfig::Corruption::ExtraLines) {
        appendResource(index, out);
        out.push_back('\n');
        return;
    }
    std::string line;
    appendResource(index, line);
    if (m_corruption == FaultConfig::Corruption::InvalidJson) {
        line.resize(line.size() / 2); // cut mid-value: not parseable
        line += "<<truncated";
    } else {
        const size_t at = line.find("\"resourceType\":\"");
        const size_t end = line.find('"', at + 16);
        line.replace(at + 16, end - at - 16, "Basic");
    }
    out += line;
    out.push_back('\n');
}

std::shared_ptr<const FileContent::Layout> FileContent::measure() const
{
    auto layout = std::make_shared<Layout>();
    const qint64 lines = lineCount();
    layout->checkpoints.reserve(static_cast<size_t>(lines / Layout::kStride + 1));
    std::string scratch;
    qint64 offset = 0;
    for (qint64 i = 0; i < lines; ++i) {
        if (i % Layout::kStride == 0) {
            layout->checkpoints.push_back(offset);
        }
        scratch.clear();
        appendLine(i, scratch);
        offset += static_cast<qint64>(scratch.size());
    }
    layout->totalBytes = offset;
    return layout;
}
