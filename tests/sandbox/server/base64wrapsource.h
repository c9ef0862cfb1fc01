#pragma once

#include "http/bodysource.h"

#include <QByteArray>

#include <memory>

// Wraps an NDJSON stream as a FHIR Binary resource, base64-encoding while sending (HAPI FHIR's output files):
// {"resourceType":"Binary","contentType":"application/fhir+ndjson","data":"<base64>"}.
class Base64WrapSource : public BodySource
{
public:
    Base64WrapSource(std::unique_ptr<BodySource> inner, qint64 innerSize);

    qint64 size() const override;
    qint64 read(char *dst, qint64 max) override;

private:
    qint64 copy(const QByteArray &from, qint64 &pos, char *dst, qint64 max);

    std::unique_ptr<BodySource> m_inner;
    qint64 m_innerSize;
    QByteArray m_prefix;
    QByteArray m_suffix;
    qint64 m_prefixPos = 0;
    qint64 m_suffixPos = 0;
    QByteArray m_raw;     // inner bytes not yet encoded (fewer than 3 carry over)
    QByteArray m_encoded; // encoded bytes not yet sent
    qint64 m_encodedPos = 0;
    bool m_innerDone = false;
};
