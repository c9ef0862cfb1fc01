target_sources(ferry_core PRIVATE
    store/keychainsecretstore.cpp store/keychainsecretstore.h
    store/memorysecretstore.cpp store/memorysecretstore.h
    store/secretstore.cpp store/secretstore.h
    store/secretstoreprobe.cpp store/secretstoreprobe.h
)
