#include "preflight/scopecheck.h"

namespace ScopeCheck {

bool allowsRead(const QString &grantedScopes, const QString &resourceType)
{
    const QStringList scopes = grantedScopes.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString scope : scopes) {
        scope = scope.section(QLatin1Char('?'), 0, 0);
        if (!scope.startsWith(QLatin1String("system/"))) {
            continue;
        }
        const QString rest = scope.mid(7);
        const QString type = rest.section(QLatin1Char('.'), 0, 0);
        const QString access = rest.section(QLatin1Char('.'), 1);
        if (type != QLatin1String("*") && type != resourceType) {
            continue;
        }
        if (access == QLatin1String("read") || access == QLatin1String("*")) {
            return true; // SMART v1
        }
        // SMART v2: a permission string of c r u d s in that order; bulk export needs r (and s for search).
        static const QString order = QStringLiteral("cruds");
        bool v2 = !access.isEmpty();
        qsizetype previous = -1;
        for (const QChar ch : access) {
            const qsizetype at = order.indexOf(ch);
            v2 = v2 && at > previous; // each letter once, in c-r-u-d-s order
            previous = at;
        }
        if (v2 && access.contains(QLatin1Char('r'))) {
            return true;
        }
    }
    return false;
}

QStringList deniedTypes(const QString &grantedScopes, const QStringList &wanted)
{
    QStringList denied;
    for (const QString &type : wanted) {
        if (!allowsRead(grantedScopes, type)) {
            denied << type;
        }
    }
    return denied;
}

} // namespace ScopeCheck
