#pragma once

#include "data/jsonline.h"
#include "data/population.h"

// What a resource body renderer needs: the population (ids, facts), the key being rendered, and the output.
// Helpers write whole members including their leading comma, so renderers read like the JSON they produce.
struct RenderContext
{
    const Population &pop;
    const ResourceKey &key;
    JsonLine &j;

    // ,"field":{"reference":"Type/id"}
    void reference(const char *field, const ResourceKey &target);
    void patientReference(const char *field);
    void practitionerReference(const char *field);
    void organizationReference(const char *field);
    void encounterReference(const char *field);
    // A clinical time shortly before lastUpdated (so effective dates precede the record's last change).
    qint64 clinicalTime(quint64 salt) const;
    quint64 detail(quint64 salt) const { return pop.detail(key, salt); }
    // ,"field":{"coding":[{system,code,display}],"text":display}
    void codeable(const char *field, const char *system, const char *code, const char *display);
    // ,"field":[{"coding":[{system,code,display}]}]
    void conceptList(const char *field, const char *system, const char *code, const char *display = nullptr);
};
