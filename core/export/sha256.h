#pragma once

#include <QByteArray>
#include <QByteArrayView>

struct evp_md_ctx_st;
struct evp_md_st;

// Incremental SHA-256 of a byte stream (OpenSSL EVP, which uses the CPU's SHA extensions where present).
// A download feeds it exactly the bytes it writes, so the digest is of the file as stored on disk.
// Not copyable; one instance per stream, reusable after reset().
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void reset();
    void addData(QByteArrayView bytes);
    // Ends the stream: the 32-byte digest, or empty if OpenSSL failed (out of memory). Call reset() to reuse.
    QByteArray result();
    // result() as 64 lowercase hex digits (empty on failure).
    QByteArray hexResult();
    qint64 size() const { return m_size; } // bytes added since reset()
    bool isValid() const { return m_ok; }

    static QByteArray hexOf(QByteArrayView bytes);

private:
    evp_md_ctx_st *m_ctx = nullptr;
    evp_md_st *m_md = nullptr;
    qint64 m_size = 0;
    bool m_ok = false;
    bool m_finished = false;
};
