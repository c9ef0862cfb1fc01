# Every Ferry target links ferry_compile_options: the one place that holds the language level,
# warnings and Qt's strictness macros (STYLE.md rule 2).
add_library(ferry_compile_options INTERFACE)
target_compile_features(ferry_compile_options INTERFACE cxx_std_20)
target_compile_options(ferry_compile_options INTERFACE
    -Wall -Wextra -Wpedantic -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
    -Wimplicit-fallthrough -Wshadow=local)
target_compile_definitions(ferry_compile_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    FERRY_VERSION="${PROJECT_VERSION}")

if(FERRY_WERROR)
    target_compile_options(ferry_compile_options INTERFACE -Werror)
    target_compile_definitions(ferry_compile_options INTERFACE QT_FORCE_ASSERTS _GLIBCXX_ASSERTIONS)
endif()

if(FERRY_SANITIZE)
    target_compile_options(ferry_compile_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(ferry_compile_options INTERFACE -fsanitize=address,undefined)
endif()
