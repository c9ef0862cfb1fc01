target_sources(ferry_core PRIVATE
    auth/authorizer.cpp auth/authorizer.h
    auth/jws.cpp auth/jws.h
    auth/noauthorizer.h
    auth/signingkey.cpp auth/signingkey.h
    auth/statictokenauthorizer.cpp auth/statictokenauthorizer.h
)
