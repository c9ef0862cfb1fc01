target_sources(ferry_core PRIVATE
    # file download pipeline: verify, hash, store, resume
    export/binaryunwrapper.cpp export/binaryunwrapper.h
    export/contentrange.cpp export/contentrange.h
    export/filedownloadjob.cpp export/filedownloadjob.h
    export/fileresult.cpp export/fileresult.h
    export/ndjsonverifier.cpp export/ndjsonverifier.h
    export/partfile.cpp export/partfile.h
    export/sha256.cpp export/sha256.h
)
