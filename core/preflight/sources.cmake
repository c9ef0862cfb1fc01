target_sources(ferry_core PRIVATE
    preflight/capabilities.cpp preflight/capabilities.h
    preflight/connectioncheck.cpp preflight/connectioncheck.h
    preflight/groupsearch.cpp preflight/groupsearch.h
    preflight/preflightreport.cpp preflight/preflightreport.h
    preflight/scopecheck.cpp preflight/scopecheck.h
)
