#pragma once

#include "export/exportdata.h"
#include "server/faultconfig.h"

#include <memory>
#include <string>
#include <vector>

// The lines of one export file (output, error or deleted), rendered on demand, identically every time.
// A Layout (total size and the byte offset of every 64th line) is measured once per file by rendering it without
// keeping anything, which is what lets a Range request start mid-file without holding the file in memory.
class FileContent
{
public:
    enum class Kind { Output, Error, Deleted };

    struct Layout
    {
        static constexpr qint64 kStride = 64;
        qint64 totalBytes = 0;
        std::vector<qint64> checkpoints; // checkpoints[k] = byte offset of line k * kStride
    };

    FileContent(std::shared_ptr<const ExportData> data, Kind kind, size_t begin, size_t end,
                FaultConfig::Corruption corruption = FaultConfig::Corruption::None, int corruptLine = 0);

    qint64 lineCount() const; // includes lines a corruption fault adds
    // Appends line i (0-based) including its '\n'.
    void appendLine(qint64 i, std::string &out) const;
    std::shared_ptr<const Layout> measure() const;

private:
    void appendResource(size_t index, std::string &out) const;

    std::shared_ptr<const ExportData> m_data;
    ResourceRenderer m_renderer;
    Kind m_kind;
    size_t m_begin;
    size_t m_end;
    FaultConfig::Corruption m_corruption;
    int m_corruptLine; // 1-based
};
