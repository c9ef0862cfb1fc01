target_sources(ferry_core PRIVATE
)
