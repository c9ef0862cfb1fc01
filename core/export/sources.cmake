target_sources(ferry_core PRIVATE
    export/exporthistory.cpp export/exporthistory.h
    export/exportrecord.cpp export/exportrecord.h
    export/exportstate.cpp export/exportstate.h
    export/filerecord.cpp export/filerecord.h
    export/journal.cpp export/journal.h
    export/outputlayout.cpp export/outputlayout.h
    export/pollpolicy.cpp export/pollpolicy.h
)
