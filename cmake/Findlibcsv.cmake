# Findlibcsv.cmake -- find libcsv (https://github.com/rgamble/libcsv), which ships no CMake
# config or pkg-config file. Debian: libcsv-dev (header <csv.h>, library -lcsv).
#
# Result: the IMPORTED target libcsv::libcsv and the variables libcsv_FOUND,
# libcsv_INCLUDE_DIR, libcsv_LIBRARY, libcsv_VERSION (from CSV_MAJOR/MINOR/RELEASE in csv.h).
#
# Installed next to chisoConfig.cmake, because the static chiso library links libcsv
# privately and its consumers therefore need the library at link time.

find_path(libcsv_INCLUDE_DIR NAMES csv.h)
find_library(libcsv_LIBRARY NAMES csv libcsv)

if(libcsv_INCLUDE_DIR AND EXISTS "${libcsv_INCLUDE_DIR}/csv.h")
  file(STRINGS "${libcsv_INCLUDE_DIR}/csv.h" _libcsv_version_lines
       REGEX "^#define[ \t]+CSV_(MAJOR|MINOR|RELEASE)[ \t]+[0-9]+")
  set(_libcsv_parts "")
  foreach(_part MAJOR MINOR RELEASE)
    string(REGEX MATCH "CSV_${_part}[ \t]+([0-9]+)" _m "${_libcsv_version_lines}")
    if(_m)
      list(APPEND _libcsv_parts "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(_libcsv_parts)
    list(JOIN _libcsv_parts "." libcsv_VERSION)
  endif()
  unset(_libcsv_parts)
  unset(_libcsv_version_lines)
  unset(_m)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(libcsv
  REQUIRED_VARS libcsv_LIBRARY libcsv_INCLUDE_DIR
  VERSION_VAR libcsv_VERSION)

if(libcsv_FOUND AND NOT TARGET libcsv::libcsv)
  add_library(libcsv::libcsv UNKNOWN IMPORTED)
  set_target_properties(libcsv::libcsv PROPERTIES
    IMPORTED_LOCATION "${libcsv_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${libcsv_INCLUDE_DIR}")
endif()

mark_as_advanced(libcsv_INCLUDE_DIR libcsv_LIBRARY)
