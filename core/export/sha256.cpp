#include "export/sha256.h"

#include <openssl/evp.h>

namespace {
// Fetched once per process, not per instance (one per downloaded file): the fetch searches OpenSSL's provider store
// under a lock. A fetched EVP_MD is immutable and may be shared between threads; it is kept until exit.
evp_md_st *sha256Method()
{
    static evp_md_st *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}
} // namespace

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
    , m_md(sha256Method())
{
    reset();
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::reset()
{
    if (m_ok && !m_finished && m_size == 0) {
        return; // already fresh (PartFile resets the hash it has just constructed): skip OpenSSL's re-initialisation
    }
    m_size = 0;
    m_finished = false;
    m_ok = m_ctx && m_md && EVP_DigestInit_ex(m_ctx, m_md, nullptr) == 1;
}

void Sha256::addData(QByteArrayView bytes)
{
    Q_ASSERT(!m_finished);
    if (!m_ok || bytes.isEmpty()) {
        return;
    }
    m_ok = EVP_DigestUpdate(m_ctx, bytes.data(), static_cast<size_t>(bytes.size())) == 1;
    m_size += bytes.size();
}

QByteArray Sha256::result()
{
    Q_ASSERT(!m_finished);
    m_finished = true;
    if (!m_ok) {
        return {};
    }
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_ctx, reinterpret_cast<unsigned char *>(digest.data()), &length) != 1) {
        m_ok = false;
        return {};
    }
    digest.truncate(static_cast<qsizetype>(length));
    return digest;
}

QByteArray Sha256::hexResult()
{
    return result().toHex();
}

QByteArray Sha256::hexOf(QByteArrayView bytes)
{
    Sha256 hash;
    hash.addData(bytes);
    return hash.hexResult();
}
