target_sources(ferry_core PRIVATE
    util/clock.cpp util/clock.h
    util/durationtext.cpp util/durationtext.h
    util/jsontext.cpp util/jsontext.h
    util/logging.cpp util/logging.h
    util/redactor.cpp util/redactor.h
    util/privatefiles.cpp util/privatefiles.h
)
