#include "export/partfile.h"

#include "util/privatefiles.h"

#include <QDir>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace {

constexpr qint64 kBackwardBlock = 64 * 1024;

// Replaces an existing target atomically, which QFile::rename refuses to do: rename(2) on Unix (the file name in the
// local 8-bit encoding, as QFile passes it; std::filesystem's conversion from UTF-16 cost more than the call), and
// std::filesystem::rename (MoveFileEx) elsewhere.
std::error_code renameOver(const QString &from, const QString &to)
{
#ifdef Q_OS_UNIX
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        return std::error_code(errno, std::generic_category());
    }
    return {};
#else
    std::error_code ec;
    std::filesystem::rename(std::filesystem::path(from.toStdU16String()), std::filesystem::path(to.toStdU16String()),
                            ec);
    return ec;
#endif
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

PartFile::PartFile(const QString &finalPath)
    : m_finalPath(finalPath)
    , m_file(partPathFor(finalPath))
{
}

PartFile::~PartFile() = default;

QString PartFile::partPathFor(const QString &finalPath)
{
    return finalPath + QStringLiteral(".part");
}

QString PartFile::rejectedPathFor(const QString &finalPath)
{
    const QFileInfo info(finalPath);
    // The suffix keeps a recursive *.ndjson glob of the export from picking up bytes that failed verification.
    return info.path() + QStringLiteral("/rejected/") + info.fileName() + QStringLiteral(".rejected");
}

bool PartFile::open(QString *error)
{
    if (m_file.isOpen()) {
        return true;
    }
    // Unbuffered: every append is one write() of a network chunk; QFile's buffer would only add a copy.
    // The folder exists for all but an export's first file in it: open first, create the folder only when that
    // failed (it saves two stat calls per file).
    constexpr QIODevice::OpenMode mode = QIODevice::ReadWrite | QIODevice::Unbuffered;
    if (!PrivateFiles::open(m_file, mode, error) &&
        (!PrivateFiles::makeDirectory(QFileInfo(m_finalPath).path(), error) ||
         !PrivateFiles::open(m_file, mode, error))) {
        return false;
    }
    m_hash.reset();
    m_size = m_file.size();
    if (m_size > 0 && !m_file.seek(m_size)) {
        *error = tr("Cannot read %1: %2").arg(native(m_file.fileName()), m_file.errorString());
        return false;
    }
    return true;
}

qint64 PartFile::size() const
{
    if (!m_file.isOpen()) {
        return QFileInfo(m_file.fileName()).size();
    }
    // Only this object writes the open file, so it knows the size (staged bytes included) without an fstat.
    return m_size >= 0 ? m_size : m_file.size() + m_direct.staged();
}

bool PartFile::settleDirect(QString *error)
{
    if (!m_direct.isActive() && m_direct.staged() == 0) {
        return true;
    }
    const bool ok = m_direct.finish();
    const int err = errno;
    if (!ok) {
        m_size = -1;
    }
    m_file.seek(m_file.size()); // the appender wrote with pwrite: QFile's position is stale
    if (!ok && error) {
        *error = writeError(err);
    }
    return ok;
}

qint64 PartFile::lastLineEnd(QString *error)
{
    if (!settleDirect(error)) {
        return -1;
    }
    qint64 end = m_file.size();
    m_size = end;
    QByteArray block;
    while (end > 0) {
        const qint64 start = std::max<qint64>(0, end - kBackwardBlock);
        if (!m_file.seek(start)) {
            break;
        }
        block = m_file.read(end - start);
        if (block.size() != end - start) {
            break;
        }
        const qsizetype nl = block.lastIndexOf('\n');
        if (nl >= 0) {
            return start + nl + 1;
        }
        end = start;
    }
    if (end > 0 && error) {
        *error = tr("Cannot read %1: %2").arg(native(m_file.fileName()), m_file.errorString());
        return -1;
    }
    return 0;
}

bool PartFile::truncate(qint64 size, QString *error)
{
    m_hash.reset();
    if (!settleDirect(error)) {
        return false;
    }
    m_size = -1;
    if (!m_file.resize(size) || !m_file.seek(size)) {
        *error = tr("Cannot shorten %1: %2").arg(native(m_file.fileName()), m_file.errorString());
        return false;
    }
    m_size = size;
    return true;
}

bool PartFile::rescan(QString *error)
{
    m_hash.reset();
    if (!settleDirect(error)) {
        return false;
    }
    if (!m_file.seek(0)) {
        *error = tr("Cannot read %1: %2").arg(native(m_file.fileName()), m_file.errorString());
        return false;
    }
    return true;
}

bool PartFile::readNext(QByteArray &buffer, qint64 maxBytes, QString *error)
{
    buffer.resize(maxBytes);
    const qint64 n = m_file.read(buffer.data(), maxBytes);
    if (n < 0) {
        buffer.clear();
        *error = tr("Cannot read %1: %2").arg(native(m_file.fileName()), m_file.errorString());
        return false;
    }
    buffer.truncate(n);
    m_hash.addData(buffer);
    return true;
}

QString PartFile::writeError(int error) const
{
    const QString text = qt_error_string(error);
    if (error == ENOSPC || error == EDQUOT) {
        return tr("Cannot write %1: %2. Free some disk space; the download continues from where it stopped.")
            .arg(native(m_file.fileName()), text);
    }
    return tr("Cannot write %1: %2").arg(native(m_file.fileName()), text);
}

QString PartFile::writeError() const
{
    if (m_file.error() == QFileDevice::ResourceError) {
        return tr("Cannot write %1: %2. Free some disk space; the download continues from where it stopped.")
            .arg(native(m_file.fileName()), m_file.errorString());
    }
    return tr("Cannot write %1: %2").arg(native(m_file.fileName()), m_file.errorString());
}

bool PartFile::append(QByteArrayView bytes, QString *error)
{
    if (bytes.isEmpty()) {
        return true;
    }
    if (!m_direct.isActive() && !m_directRefused && m_file.pos() + bytes.size() >= DirectAppender::kThreshold) {
        m_directRefused =
            !m_direct.start(QFile::encodeName(m_file.fileName()).constData(), m_file.handle(), m_file.pos());
    }
    if (m_direct.isActive()) {
        if (!m_direct.append(bytes)) {
            m_size = -1; // ask the file again
            *error = writeError(errno);
            return false;
        }
    } else {
        const qint64 written = m_file.write(bytes.data(), bytes.size());
        if (written != bytes.size()) {
            m_size = -1;
            // Whatever did get written stays: a resume rebuilds the hash from the file, never from this object.
            *error = writeError();
            return false;
        }
    }
    if (m_size >= 0) {
        m_size += bytes.size();
    }
    m_hash.addData(bytes);
    return true;
}

void PartFile::close()
{
    if (m_file.isOpen()) {
        settleDirect(nullptr); // a failure leaves a shorter file, which a resume re-verifies
        m_file.close();
    }
}

void PartFile::discard()
{
    close();
    QFile::remove(m_file.fileName());
}

bool PartFile::commit(QString *error)
{
    // Unbuffered, so close() has nothing left to write that could fail unseen; a failed close is still checked.
    if (!settleDirect(error)) {
        return false;
    }
    m_file.close();
    if (m_file.error() != QFileDevice::NoError) {
        *error = writeError();
        return false;
    }
    const std::error_code ec = renameOver(m_file.fileName(), m_finalPath);
    if (ec) {
        *error = tr("Cannot move %1 into place: %2")
                     .arg(native(m_file.fileName()), QString::fromLocal8Bit(ec.message().c_str()));
        return false;
    }
    return true;
}

bool PartFile::reject(QString *rejectedPath, QString *error)
{
    close(); // what is staged is written: the rejected file holds the offending line
    const QString target = rejectedPathFor(m_finalPath);
    if (!PrivateFiles::makeDirectory(QFileInfo(target).path(), error)) {
        return false;
    }
    const std::error_code ec = renameOver(m_file.fileName(), target);
    if (ec) {
        *error = tr("Cannot move %1 to %2: %3")
                     .arg(native(m_file.fileName()), native(target), QString::fromLocal8Bit(ec.message().c_str()));
        return false;
    }
    *rejectedPath = target;
    return true;
}
