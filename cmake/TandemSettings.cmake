# One INTERFACE target carries the strict settings every Tandem target compiles with.
add_library(tandem_settings INTERFACE)
target_compile_options(tandem_settings INTERFACE -Wall -Wextra -Wpedantic -Werror)
target_compile_definitions(tandem_settings INTERFACE
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060500
)
if(TANDEM_FUZZ)
    # clang with libFuzzer's coverage and the sanitizers for every library the fuzz targets link (tests/fuzz).
    target_compile_options(tandem_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
        -Wno-error)
    target_link_options(tandem_settings INTERFACE -fsanitize=address,undefined)
endif()
if(TANDEM_SANITIZE)
    # GCC 14 reports -Wmaybe-uninitialized false positives inside libstdc++'s <regex> (used by valijson) when
    # the sanitizers instrument it; the warning stays on in normal builds.
    target_compile_options(tandem_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
        -fno-sanitize-recover=undefined -Wno-maybe-uninitialized)
    target_link_options(tandem_settings INTERFACE -fsanitize=address,undefined)
endif()

# tandem_add_test(NAME SOURCES... LABEL label LIBS libs... [ENVIRONMENT e...] [TIMEOUT s] [SERIAL])
# One Qt Test executable per test class, registered with CTest and labelled. Benchmarks, and tests marked SERIAL
# (many processes, timing-sensitive), run alone so nothing beside them skews their figures or their timeouts.
function(tandem_add_test name)
    cmake_parse_arguments(T "SERIAL" "LABEL;TIMEOUT" "SOURCES;LIBS;ENVIRONMENT" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE tandem_settings Qt6::Test ${T_LIBS})
    target_compile_definitions(${name} PRIVATE TANDEM_SOURCE_DIR="${CMAKE_SOURCE_DIR}" TANDEM_BUILD_DIR="${CMAKE_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABEL}" TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TANDEM_BUILD_DIR=${CMAKE_BINARY_DIR};TANDEM_SOURCE_DIR=${CMAKE_SOURCE_DIR};${T_ENVIRONMENT}")
    if(T_SERIAL OR T_LABEL STREQUAL "bench")
        set_tests_properties(${name} PROPERTIES RUN_SERIAL TRUE)
    endif()
endfunction()
