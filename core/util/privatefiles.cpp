#include "util/privatefiles.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace PrivateFiles {

bool makeDirectory(const QString &path, QString *error)
{
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList missing;
    QString probe = clean;
    while (!probe.isEmpty() && !QFileInfo::exists(probe)) {
        missing.prepend(probe);
        const QString parent = QFileInfo(probe).path();
        if (parent == probe) {
            break;
        }
        probe = parent;
    }
    for (const QString &dir : std::as_const(missing)) {
        if (!QDir().mkdir(dir, kDirectory) && !QFileInfo(dir).isDir()) {
            if (error) {
                *error = QObject::tr("Cannot create the folder %1 (check that the disk is writable and has space).")
                             .arg(QDir::toNativeSeparators(dir));
            }
            return false;
        }
    }
    if (!QFileInfo(clean).isDir()) {
        if (error) {
            *error = QObject::tr("%1 exists but is not a folder.").arg(QDir::toNativeSeparators(clean));
        }
        return false;
    }
    return true;
}

bool open(QFile &file, QIODevice::OpenMode mode, QString *error)
{
    if (!file.open(mode, kFile)) {
        if (error) {
            *error =
                QObject::tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        }
        return false;
    }
    // A file that existed before (an older run, a file the user created) is tightened too. Looked at first: a file
    // this call created is 0600 already, and chmod rewrites the inode even when the mode stays the same (two per
    // downloaded file: its .part and the trace).
#ifdef Q_OS_UNIX
    struct stat st;
    if (::fstat(file.handle(), &st) == 0 && (st.st_mode & 07777) == (S_IRUSR | S_IWUSR)) {
        return true;
    }
#endif
    file.setPermissions(kFile);
    return true;
}

bool isInside(const QString &root, const QString &path)
{
    if (root.isEmpty() || path.isEmpty()) {
        return false; // QFileInfo("") has no absolute path: an empty root would otherwise contain everything
    }
    const QString cleanRoot = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    const QString cleanPath = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    // "/" (or "C:/") already ends with the separator.
    const QString prefix = cleanRoot.endsWith(QLatin1Char('/')) ? cleanRoot : cleanRoot + QLatin1Char('/');
    return cleanPath == cleanRoot || cleanPath.startsWith(prefix);
}

} // namespace PrivateFiles
