target_sources(ferry_core PRIVATE
    # the export state machine and what it keeps
    export/downloadqueue.cpp export/downloadqueue.h
    export/exporthistory.cpp export/exporthistory.h
    export/exportjob.cpp export/exportjob.h
    export/exportjobfiles.cpp
    export/exportmanager.cpp export/exportmanager.h
    export/exportrecord.cpp export/exportrecord.h
    export/exportstate.cpp export/exportstate.h
    export/exportsummary.cpp export/exportsummary.h
    export/filerecord.cpp export/filerecord.h
    export/journal.cpp export/journal.h
    export/kickoffremedy.cpp export/kickoffremedy.h
    export/manifestmerger.cpp export/manifestmerger.h
    export/outputlayout.cpp export/outputlayout.h
    export/pollpolicy.cpp export/pollpolicy.h
    export/qualityreport.cpp export/qualityreport.h
    # file download pipeline: verify, hash, store, resume
    export/batchpipeline.cpp export/batchpipeline.h
    export/binaryunwrapper.cpp export/binaryunwrapper.h
    export/contentrange.cpp export/contentrange.h
    export/filedownloadjob.cpp export/filedownloadjob.h
    export/fileresult.cpp export/fileresult.h
    export/ndjsonverifier.cpp export/ndjsonverifier.h
    export/directappender.cpp export/directappender.h
    export/partfile.cpp export/partfile.h
    export/sha256.cpp export/sha256.h
    export/supportbundle.cpp export/supportbundle.h
)
