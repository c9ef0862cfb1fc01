#include "auth/scopeset.h"

namespace {

QByteArray v2Letters(const QByteArray &permissions, bool *v2)
{
    *v2 = false;
    if (permissions == "read") {
        return "rs";
    }
    if (permissions == "write") {
        return "cud";
    }
    if (permissions == "*") {
        return "cruds";
    }
    // v2: letters in the order c r u d s, each at most once.
    static constexpr char kOrder[] = "cruds";
    qsizetype at = 0;
    for (const char c : permissions) {
        const qsizetype i = QByteArrayView(kOrder).indexOf(c);
        if (i < at) {
            return {};
        }
        at = i + 1;
    }
    *v2 = !permissions.isEmpty();
    return *v2 ? permissions : QByteArray();
}

} // namespace

std::optional<ScopeSet::Scope> ScopeSet::parse(const QByteArray &text)
{
    Scope s;
    s.text = text;
    const qsizetype slash = text.indexOf('/');
    const qsizetype dot = text.lastIndexOf('.');
    if (slash <= 0 || dot < slash) {
        return s; // not a resource scope
    }
    s.context = text.left(slash);
    s.type = text.mid(slash + 1, dot - slash - 1);
    // v2 may carry a query ("system/Observation.rs?category=..."); it narrows nothing here.
    const QByteArray permissions = text.mid(dot + 1).split('?').first();
    s.permissions = v2Letters(permissions, &s.v2);
    if (s.type.isEmpty() || s.permissions.isEmpty()) {
        return std::nullopt;
    }
    return s;
}

ScopeSet::ScopeSet(const QByteArrayList &scopes)
{
    for (const QByteArray &text : scopes) {
        if (std::optional<Scope> s = parse(text)) {
            m_scopes.append(*s);
        }
    }
}

bool ScopeSet::isV2(const QByteArray &scope)
{
    const std::optional<Scope> s = parse(scope);
    return s && s->v2;
}

bool ScopeSet::covers(const QByteArray &requested) const
{
    const std::optional<Scope> r = parse(requested);
    if (!r) {
        return false;
    }
    for (const Scope &a : m_scopes) {
        if (r->context.isEmpty() || a.context.isEmpty()) {
            if (a.text == r->text) {
                return true;
            }
            continue;
        }
        if (a.context != r->context || (a.type != "*" && a.type != r->type)) {
            continue;
        }
        bool all = true;
        for (const char c : r->permissions) {
            all = all && a.permissions.contains(c);
        }
        if (all) {
            return true;
        }
    }
    return false;
}

bool ScopeSet::allowsExport(const QByteArray &type) const
{
    for (const Scope &a : m_scopes) {
        if (a.context == "system" && (a.type == "*" || a.type == type) && a.permissions.contains('r')) {
            return true;
        }
    }
    return false;
}
