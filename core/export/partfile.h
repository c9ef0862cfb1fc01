#pragma once

#include "export/directappender.h"
#include "export/sha256.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QFile>
#include <QString>

// The bytes of one download on disk: `<final>.part` (0600, in folders created 0700) that is appended to and
// hashed as data arrives, renamed over `<final>` only when the download is proven good, or moved to
// `rejected/<name>` beside it when it is proven bad. Between attempts the `.part` is what a resume continues.
//
// The SHA-256 covers exactly the bytes in the file: append() hashes what it wrote, and a resume re-reads the
// kept bytes through rescan()/readNext() to rebuild the hash instead of trusting saved state.
// Once a file passes DirectAppender::kThreshold, appends bypass the page cache (see DirectAppender); every other
// operation first writes what is staged, so the file on disk is always what was appended.
// Errors come back as sentences a person can act on. Not thread-safe.
class PartFile
{
    Q_DECLARE_TR_FUNCTIONS(PartFile)

public:
    explicit PartFile(const QString &finalPath);
    ~PartFile();

    static QString partPathFor(const QString &finalPath);
    static QString rejectedPathFor(const QString &finalPath);
    QString finalPath() const { return m_finalPath; }
    QString partPath() const { return m_file.fileName(); }

    // Creates the folder (0700) and opens or creates the .part (0600) without losing what it holds.
    bool open(QString *error);
    bool isOpen() const { return m_file.isOpen(); }
    qint64 size() const;

    // Offset just past the last '\n' in the file (0 if none): what a resume keeps.
    qint64 lastLineEnd(QString *error);
    // Cuts the file to `size` bytes, positions at its end and resets the hash (callers rescan to rebuild it).
    bool truncate(qint64 size, QString *error);
    // Re-reading from byte 0 to rebuild the hash: rescan() once, then readNext() until it returns an empty
    // buffer; afterwards the position is at the end, ready to append.
    bool rescan(QString *error);
    bool readNext(QByteArray &buffer, qint64 maxBytes, QString *error);

    bool append(QByteArrayView bytes, QString *error);
    Sha256 &hash() { return m_hash; }

    // Closes the file and atomically renames it over the final path (replacing an older file there).
    bool commit(QString *error);
    // Closes the file and moves it to rejected/<name> beside the final path (replacing an older one).
    bool reject(QString *rejectedPath, QString *error);
    // Closes and deletes the .part (nothing worth resuming).
    void discard();
    void close();

private:
    QString writeError() const;
    QString writeError(int error) const;
    bool settleDirect(QString *error);

    QString m_finalPath;
    QFile m_file;
    qint64 m_size = -1; // of the open file as this object wrote it (staged bytes included); -1: ask the file
    Sha256 m_hash;
    DirectAppender m_direct;
    bool m_directRefused = false; // O_DIRECT is not available for this file
};
