#include "export/manifestmerger.h"

#include <QHash>
#include <QSet>

namespace {
QString slotKey(ManifestEntry::Kind kind, const QString &type, int ordinal)
{
    return ManifestEntry::kindName(kind) + QLatin1Char('/') + type + QLatin1Char('/') + QString::number(ordinal);
}
} // namespace

namespace ManifestMerger {

QList<int> merge(ExportRecord &record, OutputLayout &layout, const Manifest &manifest, const QDateTime &expires)
{
    QSet<QString> known;
    for (const FileRecord &f : std::as_const(record.files)) {
        known.insert(f.url.isEmpty() ? f.message : f.url.toString(QUrl::FullyEncoded));
    }
    QList<int> added;
    for (const ManifestEntry &e : manifest.entries) {
        const QString key = e.problem.isEmpty() ? e.url.toString(QUrl::FullyEncoded) : e.problem;
        if (known.contains(key)) {
            continue;
        }
        known.insert(key);
        FileRecord f;
        f.index = static_cast<int>(record.files.size());
        f.kind = e.kind;
        f.type = e.type;
        f.url = e.problem.isEmpty() ? e.url : QUrl();
        f.count = e.count;
        f.name = layout.nextName(e.kind, e.type);
        f.expires = expires;
        if (!e.problem.isEmpty()) {
            f.state = FileRecord::State::Unusable;
            f.message = e.problem;
            if (!record.problems.contains(e.problem)) {
                record.problems << e.problem;
            }
        }
        record.files.append(f);
        added << f.index;
    }
    return added;
}

QList<int> refresh(ExportRecord &record, const Manifest &fresh, const QDateTime &expires)
{
    QHash<QString, QUrl> freshUrls;
    QHash<QString, int> ordinals;
    for (const ManifestEntry &e : fresh.entries) {
        const QString base = ManifestEntry::kindName(e.kind) + QLatin1Char('/') + e.type;
        const int n = ordinals[base]++;
        if (e.problem.isEmpty()) {
            freshUrls.insert(slotKey(e.kind, e.type, n), e.url);
        }
    }
    ordinals.clear();
    QList<int> changed;
    for (FileRecord &f : record.files) {
        const QString base = ManifestEntry::kindName(f.kind) + QLatin1Char('/') + f.type;
        const int n = ordinals[base]++;
        if (f.state == FileRecord::State::Verified || f.state == FileRecord::State::Unusable) {
            continue;
        }
        const QUrl url = freshUrls.value(slotKey(f.kind, f.type, n));
        if (url.isValid() && url != f.url) {
            f.url = url;
            f.expires = expires;
            f.state = FileRecord::State::Pending;
            f.attempts = 0;
            f.message.clear();
            changed << f.index;
        }
    }
    return changed;
}

} // namespace ManifestMerger
