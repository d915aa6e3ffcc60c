# Every third-party dependency comes from a Debian package. A missing one stops
# configuration with the name of the package to install (scripts/test installs them all).
find_package(PkgConfig QUIET)
if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config not found: install the Debian package 'pkg-config'")
endif()

# frontline_require_pkg(<target> <pkg-config module> <debian package>)
# Creates the imported target frontline::<target> or stops with the package to install.
function(frontline_require_pkg target module debian)
  pkg_check_modules(FL_${target} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT FL_${target}_FOUND)
    message(FATAL_ERROR "Missing dependency '${module}': install the Debian package '${debian}' "
                        "(apt-get install -y ${debian}, or run scripts/test which installs everything)")
  endif()
  add_library(frontline::${target} ALIAS PkgConfig::FL_${target})
endfunction()

# frontline_require_config(<package> <debian package>) for packages shipping CMake configs.
macro(frontline_require_config package debian)
  find_package(${package} QUIET ${ARGN})
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR "Missing dependency '${package}': install the Debian package '${debian}' "
                        "(apt-get install -y ${debian}, or run scripts/test which installs everything)")
  endif()
endmacro()

# frontline_require_header_lib(<target> <header> <library> <debian package>) for
# libraries with neither pkg-config nor a CMake config (libphonenumber, http-parser).
function(frontline_require_header_lib target header library debian)
  find_path(FL_${target}_INCLUDE ${header})
  find_library(FL_${target}_LIBRARY ${library})
  if(NOT FL_${target}_INCLUDE OR NOT FL_${target}_LIBRARY)
    message(FATAL_ERROR "Missing dependency '${library}' (${header}): install the Debian package '${debian}' "
                        "(apt-get install -y ${debian}, or run scripts/test which installs everything)")
  endif()
  add_library(frontline::${target} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(frontline::${target} PROPERTIES
    IMPORTED_LOCATION "${FL_${target}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${FL_${target}_INCLUDE}")
endfunction()

frontline_require_pkg(sqlite3 sqlite3 libsqlite3-dev)
frontline_require_header_lib(http_parser http_parser.h http_parser libhttp-parser-dev)
frontline_require_header_lib(phonenumber phonenumbers/phonenumberutil.h phonenumber libphonenumber-dev)
frontline_require_pkg(gmime gmime-3.0 libgmime-3.0-dev)
frontline_require_pkg(libxml2 libxml-2.0 libxml2-dev)
frontline_require_pkg(opus opus libopus-dev)
frontline_require_pkg(ogg ogg libogg-dev)
frontline_require_pkg(opusfile opusfile libopusfile-dev)
frontline_require_pkg(pulse_simple libpulse-simple libpulse-dev)
frontline_require_pkg(pulse libpulse libpulse-dev)
frontline_require_pkg(webrtc_audio webrtc-audio-processing libwebrtc-audio-processing-dev)
find_package(OpenSSL QUIET)
if(NOT OPENSSL_FOUND)
  message(FATAL_ERROR "Missing dependency 'OpenSSL': install the Debian package 'libssl-dev'")
endif()
frontline_require_pkg(pq libpq libpq-dev)
frontline_require_pkg(uuid uuid uuid-dev)
frontline_require_config(spdlog libspdlog-dev)
frontline_require_config(nlohmann_json nlohmann-json3-dev)
frontline_require_config(tomlplusplus libtomlplusplus-dev)
frontline_require_config(CLI11 libcli11-dev)
find_path(FL_ASIO_INCLUDE asio.hpp)
if(NOT FL_ASIO_INCLUDE)
  message(FATAL_ERROR "Missing dependency 'asio': install the Debian package 'libasio-dev'")
endif()
find_package(Threads REQUIRED)

if(FRONTLINE_BUILD_GUI)
  frontline_require_pkg(glfw glfw3 libglfw3-dev)
  frontline_require_pkg(imgui imgui libimgui-dev)
  find_package(OpenGL QUIET)
  if(NOT OPENGL_FOUND)
    message(FATAL_ERROR "Missing dependency 'OpenGL': install the Debian package 'libgl-dev'")
  endif()
endif()

if(FRONTLINE_BUILD_TESTS)
  frontline_require_config(Catch2 catch2)
  include(Catch)
endif()
