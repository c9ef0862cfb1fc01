target_sources(ferry_core PRIVATE
    net/failuretext.cpp net/failuretext.h
    net/httpfailure.cpp net/httpfailure.h
    net/httpresponse.h
    net/networkjob.cpp net/networkjob.h
    net/ratelimiter.cpp net/ratelimiter.h
    net/requestfactory.cpp net/requestfactory.h
)
