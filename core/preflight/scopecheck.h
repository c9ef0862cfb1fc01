#pragma once

#include <QString>
#include <QStringList>

// Whether granted SMART scopes let a backend client read a resource type in bulk. Understands SMART v1
// (system/Observation.read, system/*.read, system/*.*) and v2 (system/Observation.rs, .cruds, with or without
// query parameters such as ?category=laboratory, which narrow but still allow). Patient- and user-level scopes do
// not count for a backend export.
namespace ScopeCheck {

bool allowsRead(const QString &grantedScopes, const QString &resourceType);
// The types of `wanted` the scopes do not allow, in order.
QStringList deniedTypes(const QString &grantedScopes, const QStringList &wanted);

} // namespace ScopeCheck
