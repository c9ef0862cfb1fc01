#pragma once

#include "data/rendercontext.h"

// Bodies of the patient-compartment clinical resources (everything after "meta", before the padding).
// Stateless; each function writes members with leading commas into ctx.j.
class ClinicalRenderer
{
public:
    static void encounter(RenderContext &ctx);
    static void observation(RenderContext &ctx);
    static void condition(RenderContext &ctx);
    static void medicationRequest(RenderContext &ctx);
    static void allergyIntolerance(RenderContext &ctx);
    static void immunization(RenderContext &ctx);
    static void procedure(RenderContext &ctx);
    static void diagnosticReport(RenderContext &ctx);
    static void documentReference(RenderContext &ctx);
    static void provenance(RenderContext &ctx);
};
