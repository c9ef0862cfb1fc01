target_sources(ferry_core PRIVATE
    fhir/exportprogress.cpp fhir/exportprogress.h
    fhir/exportrequest.cpp fhir/exportrequest.h
    fhir/manifest.cpp fhir/manifest.h
    fhir/operationoutcome.cpp fhir/operationoutcome.h
    fhir/retryafter.cpp fhir/retryafter.h
)
