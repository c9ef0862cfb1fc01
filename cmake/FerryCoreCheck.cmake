# ferry_core must never depend on Qt Widgets or Gui (STYLE.md rule 1). Fail the configure step if it does.
get_target_property(_ferry_core_links ferry_core LINK_LIBRARIES)
foreach(_lib IN LISTS _ferry_core_links)
    if(_lib MATCHES "Widgets|Qt6::Gui|ferry_ui")
        message(FATAL_ERROR "ferry_core links ${_lib}: the core must stay free of Gui and Widgets")
    endif()
endforeach()
