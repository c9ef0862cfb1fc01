target_sources(ferry_core PRIVATE
    net/deletejob.cpp net/deletejob.h
    net/failuretext.cpp net/failuretext.h
    net/httpfailure.cpp net/httpfailure.h
    net/httpresponse.h
    net/kickoffjob.cpp net/kickoffjob.h
    net/networkjob.cpp net/networkjob.h
    net/ratelimiter.cpp net/ratelimiter.h
    net/requestfactory.cpp net/requestfactory.h
    net/statusjob.cpp net/statusjob.h
)
