#include "store/profilestore.h"

#include "store/secretstore.h"
#include "util/logging.h"
#include "util/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

namespace {
constexpr int kFormatVersion = 1;
const QString kFileName = QStringLiteral("profiles.json");
} // namespace

ProfileStore::ProfileStore(SecretStore *secrets, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
    , m_directory(directory.isEmpty() ? defaultDirectory() : directory)
{
}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::defaultDirectory()
{
    const QString overridden = qEnvironmentVariable("FERRY_CONFIG_DIR");
    if (!overridden.isEmpty()) {
        return overridden;
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/ferry");
}

QString ProfileStore::filePath() const
{
    return QDir(m_directory).filePath(kFileName);
}

bool ProfileStore::load(QString *error, QStringList *warnings)
{
    QFile file(filePath());
    if (!file.exists()) {
        m_profiles.clear();
        emit changed();
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    // Whoever created or copied the file, it is tightened to owner-only.
    file.setPermissions(PrivateFiles::kFile);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        *error = tr("%1 is not valid JSON (%2 at offset %3).")
                     .arg(QDir::toNativeSeparators(file.fileName()), parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("version")).toInt(kFormatVersion) > kFormatVersion) {
        *error = tr("%1 was written by a newer Ferry; update Ferry to use it.")
                     .arg(QDir::toNativeSeparators(file.fileName()));
        return false;
    }
    QList<ServerProfile> loaded;
    const QJsonArray items = root.value(QLatin1String("profiles")).toArray();
    for (const QJsonValue &item : items) {
        QString itemError;
        std::optional<ServerProfile> p = ServerProfile::fromJson(item.toObject(), &itemError, warnings);
        if (!p) {
            *error = tr("%1: %2").arg(QDir::toNativeSeparators(file.fileName()), itemError);
            return false;
        }
        if (std::any_of(loaded.cbegin(), loaded.cend(), [&p](const ServerProfile &o) { return o.id == p->id; })) {
            *error = tr("%1: the profile id %2 appears twice.").arg(QDir::toNativeSeparators(file.fileName()), p->id);
            return false;
        }
        loaded.append(*p);
    }
    m_profiles = loaded;
    qCDebug(lcStore) << "loaded" << m_profiles.size() << "profiles from" << file.fileName();
    emit changed();
    return true;
}

std::optional<ServerProfile> ProfileStore::profile(const QString &id) const
{
    for (const ServerProfile &p : m_profiles) {
        if (p.id == id) {
            return p;
        }
    }
    return std::nullopt;
}

QStringList ProfileStore::ids() const
{
    QStringList out;
    for (const ServerProfile &p : m_profiles) {
        out << p.id;
    }
    return out;
}

bool ProfileStore::save(const ServerProfile &profile, QString *error)
{
    if (!ServerProfile::isValidId(profile.id)) {
        *error =
            tr("The profile id \"%1\" may only hold lower-case letters, digits, '.', '_' and '-'.").arg(profile.id);
        return false;
    }
    QList<ServerProfile> next = m_profiles;
    auto it = std::find_if(next.begin(), next.end(), [&profile](const ServerProfile &p) { return p.id == profile.id; });
    if (it != next.end()) {
        *it = profile;
    } else {
        next.append(profile);
    }
    if (!write(next, error)) {
        return false;
    }
    m_profiles = next;
    emit changed();
    return true;
}

bool ProfileStore::write(const QList<ServerProfile> &profiles, QString *error)
{
    if (!PrivateFiles::makeDirectory(m_directory, error)) {
        return false;
    }
    QJsonArray items;
    for (const ServerProfile &p : profiles) {
        items.append(p.toJson());
    }
    const QJsonObject root{{QLatin1String("version"), kFormatVersion}, {QLatin1String("profiles"), items}};

    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    // QSaveFile creates its temporary file with default permissions; tighten it before a byte is written.
    file.setPermissions(PrivateFiles::kFile);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
        return false;
    }
    return true;
}

void ProfileStore::remove(const QString &id, QObject *context, std::function<void(const QString &)> done)
{
    const std::optional<ServerProfile> p = profile(id);
    if (!p) {
        QPointer<QObject> guard(context);
        QTimer::singleShot(0, this, [guard, done, id, this] {
            if (guard) {
                done(tr("There is no server profile %1.").arg(id));
            }
        });
        return;
    }
    removeSecrets(id, p->allSecretNames(), {}, context, std::move(done));
}

void ProfileStore::removeSecrets(const QString &id, QStringList names, QStringList errors, QObject *context,
                                 std::function<void(const QString &)> done)
{
    if (names.isEmpty()) {
        QString error;
        if (errors.isEmpty()) {
            QList<ServerProfile> next = m_profiles;
            next.removeIf([&id](const ServerProfile &p) { return p.id == id; });
            if (write(next, &error)) {
                m_profiles = next;
                emit changed();
            }
        } else {
            errors.removeDuplicates();
            error = tr("The server was not deleted because its secrets could not be removed: %1")
                        .arg(errors.join(QLatin1Char(' ')));
        }
        done(error);
        return;
    }
    const QString name = names.takeFirst();
    QPointer<ProfileStore> self(this);
    m_secrets->remove(SecretStore::key(id, name), context,
                      [self, id, names, errors, context, done = std::move(done)](const SecretResult &r) mutable {
                          if (!self) {
                              return;
                          }
                          if (!r.ok() && r.status != SecretResult::Status::NotFound) {
                              errors << r.message;
                          }
                          self->removeSecrets(id, names, errors, context, std::move(done));
                      });
}
