target_sources(ferry_core PRIVATE
    net/curlclient.cpp net/curlclient.h
    net/curlexchange.cpp net/curlexchange.h
    net/deletejob.cpp net/deletejob.h
    net/failuretext.cpp net/failuretext.h
    net/fetchjob.cpp net/fetchjob.h
    net/httpexchange.h
    net/httpfailure.cpp net/httpfailure.h
    net/httpresponse.h
    net/httptrace.cpp net/httptrace.h
    net/kickoffjob.cpp net/kickoffjob.h
    net/networkjob.cpp net/networkjob.h
    net/qtexchange.cpp net/qtexchange.h
    net/ratelimiter.cpp net/ratelimiter.h
    net/requestfactory.cpp net/requestfactory.h
    net/statusjob.cpp net/statusjob.h
)
