#pragma once

#include <QtGlobal>

// Deterministic, fast mixing for synthetic data: every generated value is a pure function of (seed, what, where),
// so any resource can be rendered on its own, in any order, identically on every run.
namespace SandboxHash {

constexpr quint64 mix(quint64 x)
{
    // splitmix64 finaliser
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

constexpr quint64 of(quint64 a, quint64 b = 0, quint64 c = 0, quint64 d = 0)
{
    return mix(mix(mix(mix(a) ^ b) ^ c) ^ d);
}

// Uniform-enough integer in [lo, hi].
constexpr quint64 range(quint64 h, quint64 lo, quint64 hi)
{
    return lo + h % (hi - lo + 1);
}

// FNV-1a over bytes: stable across Qt versions and processes, unlike qHash.
inline quint64 bytes(const char *data, qsizetype size)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (qsizetype i = 0; i < size; ++i) {
        h = (h ^ static_cast<unsigned char>(data[i])) * 0x100000001b3ULL;
    }
    return h;
}

} // namespace SandboxHash
