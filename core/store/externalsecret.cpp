#include "store/externalsecret.h"

#include "util/redactor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStringList>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ExternalSecret", text);
}

QString normalise(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.startsWith(QLatin1String("-----BEGIN"))) {
        return text;
    }
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().isEmpty()) {
            return line.trimmed();
        }
    }
    return {};
}

} // namespace

ExternalSecret::ExternalSecret(Kind kind, const QString &where)
    : m_kind(kind)
    , m_where(where)
{
}

ExternalSecret ExternalSecret::environment(const QString &variable)
{
    return ExternalSecret(Kind::Environment, variable);
}

ExternalSecret ExternalSecret::file(const QString &path)
{
    return ExternalSecret(Kind::File, path);
}

QString ExternalSecret::describe() const
{
    return m_kind == Kind::Environment ? tr("the environment variable %1").arg(m_where)
                                       : tr("the file %1").arg(QDir::toNativeSeparators(m_where));
}

std::optional<QString> ExternalSecret::read(QString *error, QString *warning) const
{
    QString value;
    if (m_kind == Kind::Environment) {
        if (m_where.isEmpty() || !qEnvironmentVariableIsSet(m_where.toLocal8Bit().constData())) {
            *error = tr("The environment variable %1 is not set.").arg(m_where);
            return std::nullopt;
        }
        value = normalise(qEnvironmentVariable(m_where.toLocal8Bit().constData()));
    } else {
        QFile file(m_where);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = tr("Cannot read %1: %2").arg(describe(), file.errorString());
            return std::nullopt;
        }
        if (file.size() > kMaxFileSize) {
            *error =
                tr("%1 is larger than %2 KB; it does not look like a secret.").arg(describe()).arg(kMaxFileSize / 1024);
            return std::nullopt;
        }
        if (warning && (file.permissions() & (QFile::ReadGroup | QFile::ReadOther))) {
            *warning =
                tr("%1 can be read by other users of this computer; restrict it with chmod 600.").arg(describe());
        }
        value = normalise(QString::fromUtf8(file.readAll()));
    }
    if (value.isEmpty()) {
        *error = tr("%1 is empty.").arg(describe());
        return std::nullopt;
    }
    Redactor::instance().addSecret(value);
    return value;
}
