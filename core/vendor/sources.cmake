target_sources(ferry_core PRIVATE
    vendor/vendorprofile.cpp vendor/vendorprofile.h
    vendor/vendorregistry.cpp vendor/vendorregistry.h
)
