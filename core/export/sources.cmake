target_sources(ferry_core PRIVATE
    # file download pipeline: verify, hash, store, resume
    export/binaryunwrapper.cpp export/binaryunwrapper.h
    export/ndjsonverifier.cpp export/ndjsonverifier.h
    export/sha256.cpp export/sha256.h
)
