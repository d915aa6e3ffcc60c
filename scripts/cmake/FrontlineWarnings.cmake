# Warnings and sanitizers for our own targets only (never for imported ones).
add_library(frontline_build_flags INTERFACE)
target_compile_options(frontline_build_flags INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                       -Wno-sign-conversion)
if(FRONTLINE_WERROR)
  target_compile_options(frontline_build_flags INTERFACE -Werror)
endif()
if(FRONTLINE_FUZZ)
  # Every target of ours instrumented for libFuzzer's coverage; the fuzz targets link the
  # fuzzer's main (tests/fuzz/CMakeLists.txt).
  target_compile_options(frontline_build_flags INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(frontline_build_flags INTERFACE -fsanitize=address,undefined)
endif()
if(FRONTLINE_SANITIZE)
  target_compile_options(frontline_build_flags INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(frontline_build_flags INTERFACE -fsanitize=address,undefined)
endif()

# frontline_check_layering(<target> <dir> <forbidden regex>...)
# Fails the build of <target> when a source under <dir> includes a forbidden header.
function(frontline_check_layering target dir)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${dir}/*.h ${dir}/*.cpp)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}_layering.stamp)
  string(REPLACE ";" "|" forbidden "${ARGN}")
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -DLAYER_DIR=${dir} "-DFORBIDDEN=${forbidden}" -DSTAMP=${stamp}
            -P ${PROJECT_SOURCE_DIR}/scripts/cmake/check_layering.cmake
    DEPENDS ${sources} ${PROJECT_SOURCE_DIR}/scripts/cmake/check_layering.cmake
    COMMENT "Checking that ${dir} includes nothing from another layer"
    VERBATIM)
  add_custom_target(${target}_layering DEPENDS ${stamp})
  add_dependencies(${target} ${target}_layering)
endfunction()
