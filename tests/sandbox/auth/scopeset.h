#pragma once

#include <QByteArray>
#include <QByteArrayList>

#include <optional>

// SMART App Launch scopes as backend services use them: v1 "system/Patient.read", "system/*.read",
// "system/*.*" and v2 "system/Patient.rs", "system/*.cruds" (v1 read = v2 rs). Anything else (openid, launch) only
// matches itself.
class ScopeSet
{
public:
    struct Scope
    {
        QByteArray text;
        QByteArray context;     // system / patient / user; empty for non-SMART scopes
        QByteArray type;        // resource type or "*"
        QByteArray permissions; // normalised to v2 letters, a subset of "cruds"
        bool v2 = false;
    };

    static std::optional<Scope> parse(const QByteArray &text);

    ScopeSet() = default;
    explicit ScopeSet(const QByteArrayList &scopes);

    bool isEmpty() const { return m_scopes.isEmpty(); }
    // Some scope of this set grants everything `requested` asks for.
    bool covers(const QByteArray &requested) const;
    // Bulk export of `type` needs system-level read.
    bool allowsExport(const QByteArray &type) const;
    static bool isV2(const QByteArray &scope);

private:
    QList<Scope> m_scopes;
};
