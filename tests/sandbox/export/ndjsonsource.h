#pragma once

#include "export/filecontent.h"
#include "http/bodysource.h"

// Streams bytes [start, start + length) of a file, rendering lines only as the socket asks for them.
// Starting mid-file jumps to the nearest checkpoint of the file's layout and renders from there.
class NdjsonSource : public BodySource
{
public:
    NdjsonSource(std::shared_ptr<const FileContent> content, std::shared_ptr<const FileContent::Layout> layout,
                 qint64 start, qint64 length);

    qint64 size() const override { return m_length; }
    qint64 read(char *dst, qint64 max) override;

private:
    void fill(qint64 want);

    std::shared_ptr<const FileContent> m_content;
    qint64 m_length;
    qint64 m_remaining;
    qint64 m_nextLine = 0;
    std::string m_pending;
    size_t m_pendingPos = 0;
};
