target_sources(ferry_core PRIVATE
    export/downloadqueue.cpp export/downloadqueue.h
    export/exporthistory.cpp export/exporthistory.h
    export/exportjob.cpp export/exportjob.h
    export/exportrecord.cpp export/exportrecord.h
    export/exportstate.cpp export/exportstate.h
    export/exportsummary.cpp export/exportsummary.h
    export/filerecord.cpp export/filerecord.h
    export/journal.cpp export/journal.h
    export/manifestmerger.cpp export/manifestmerger.h
    export/outputlayout.cpp export/outputlayout.h
    export/pollpolicy.cpp export/pollpolicy.h
)
