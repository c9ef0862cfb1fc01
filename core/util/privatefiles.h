#pragma once

#include <QFile>
#include <QString>

// Files that hold patient data or credentials are owner-only: directories 0700, files 0600, from the moment
// they exist (never created world-readable and tightened later).
namespace PrivateFiles {

constexpr QFile::Permissions kFile = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions kDirectory = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

// Creates `path` and any missing parents; every directory this call creates is 0700. Returns false with a
// readable reason in `error`.
bool makeDirectory(const QString &path, QString *error = nullptr);

// Opens (creating if needed) with 0600. Existing files are tightened to 0600 too.
bool open(QFile &file, QIODevice::OpenMode mode, QString *error = nullptr);

// True when `path`, after resolving "." and "..", lies inside `root` (or is `root`). Symlinks are not followed:
// Ferry creates every path it writes, so a name can only escape through text such as "../".
bool isInside(const QString &root, const QString &path);

} // namespace PrivateFiles
