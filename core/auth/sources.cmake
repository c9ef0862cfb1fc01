target_sources(ferry_core PRIVATE
    auth/authhttpjob.cpp auth/authhttpjob.h
    auth/authorizer.cpp auth/authorizer.h
    auth/authorizerfactory.cpp auth/authorizerfactory.h
    auth/clientsecretauthorizer.cpp auth/clientsecretauthorizer.h
    auth/headerauthorizer.cpp auth/headerauthorizer.h
    auth/jws.cpp auth/jws.h
    auth/noauthorizer.h
    auth/oauthauthorizer.cpp auth/oauthauthorizer.h
    auth/signingkey.cpp auth/signingkey.h
    auth/smartauthorizer.cpp auth/smartauthorizer.h
    auth/statictokenauthorizer.cpp auth/statictokenauthorizer.h
    auth/tokenendpointdiscovery.cpp auth/tokenendpointdiscovery.h
    auth/tokenresponse.cpp auth/tokenresponse.h
)
