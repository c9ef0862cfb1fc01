target_sources(ferry_core PRIVATE
    auth/authorizer.cpp auth/authorizer.h
    auth/noauthorizer.h
    auth/statictokenauthorizer.cpp auth/statictokenauthorizer.h
)
