# ferry_add_test(<name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>] [TIMEOUT <s>])
#
# One Qt Test class per executable. Every test runs offscreen so it needs no display, and gets
# FERRY_SANDBOX pointing at the sandbox executable and FERRY_CLI at ferry-cli for tests that spawn them.
function(ferry_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ferry_compile_options Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set(_env "QT_QPA_PLATFORM=offscreen")
    if(TARGET ferry-sandbox)
        list(APPEND _env "FERRY_SANDBOX=$<TARGET_FILE:ferry-sandbox>")
    endif()
    if(TARGET ferry-cli)
        list(APPEND _env "FERRY_CLI=$<TARGET_FILE:ferry-cli>")
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${_env}"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
endfunction()
