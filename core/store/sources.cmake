target_sources(ferry_core PRIVATE
    store/externalsecret.cpp store/externalsecret.h
    store/keychainsecretstore.cpp store/keychainsecretstore.h
    store/memorysecretstore.cpp store/memorysecretstore.h
    store/profilestore.cpp store/profilestore.h
    store/secretstore.cpp store/secretstore.h
    store/secretstoreprobe.cpp store/secretstoreprobe.h
    store/serverprofile.cpp store/serverprofile.h
)
