# consumer_test.cmake -- the `consumer` ctest: build tests/consumer/ against chiso as a user would.
#
#   cmake -DCHISO_BUILD_DIR=... -DCONSUMER_SOURCE_DIR=... -DWORK_DIR=... -DMODE=install|build-tree
#         [-DCONFIG=Release] [-DGENERATOR=Ninja] [-DMAKE_PROGRAM=...] [-DCXX_COMPILER=...]
#         [-DEXTRA_FLAGS="-fsanitize=..."] -P consumer_test.cmake
#
# MODE=install:    `cmake --install` chiso into WORK_DIR/prefix, then find_package(chiso) there.
# MODE=build-tree: find_package(chiso) straight from the build tree (export(EXPORT ...)).
# Either way the consumer is configured, built and run; any failing step fails the test.

cmake_minimum_required(VERSION 3.25)

foreach(var CHISO_BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR MODE)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "consumer_test.cmake: -D${var}=... is required")
  endif()
endforeach()
if(NOT CONFIG)
  set(CONFIG Release)
endif()

function(run_step what)
  string(REPLACE ";" " " shown "${ARGN}")
  message(STATUS "consumer: ${what}: ${shown}")
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer: ${what} failed (exit ${rc})\n--- stdout ---\n${out}\n--- stderr ---\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

if(MODE STREQUAL "install")
  run_step("install" "${CMAKE_COMMAND}" --install "${CHISO_BUILD_DIR}" --prefix "${prefix}"
           --config "${CONFIG}")
  set(search_path "${prefix}")
elseif(MODE STREQUAL "build-tree")
  set(search_path "${CHISO_BUILD_DIR}")
else()
  message(FATAL_ERROR "consumer_test.cmake: MODE must be install or build-tree, not '${MODE}'")
endif()

set(configure_args
  -S "${CONSUMER_SOURCE_DIR}" -B "${consumer_build}"
  "-DCMAKE_PREFIX_PATH=${search_path}"
  "-DCMAKE_BUILD_TYPE=${CONFIG}"
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON
  -DCMAKE_FIND_PACKAGE_NO_SYSTEM_PACKAGE_REGISTRY=ON)
if(GENERATOR)
  list(APPEND configure_args -G "${GENERATOR}")
endif()
if(MAKE_PROGRAM)
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CXX_COMPILER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(EXTRA_FLAGS)
  # e.g. the sanitizer flags chiso itself was built with
  list(APPEND configure_args "-DCMAKE_CXX_FLAGS=${EXTRA_FLAGS}"
                             "-DCMAKE_EXE_LINKER_FLAGS=${EXTRA_FLAGS}")
endif()
run_step("configure" "${CMAKE_COMMAND}" ${configure_args})

# Make sure the package really came from where we meant (not a system copy or registry).
file(STRINGS "${consumer_build}/CMakeCache.txt" chiso_dir_line REGEX "^chiso_DIR:")
string(REGEX REPLACE "^chiso_DIR:[A-Z]+=" "" chiso_dir "${chiso_dir_line}")
file(REAL_PATH "${chiso_dir}" chiso_dir_real)
file(REAL_PATH "${search_path}" search_path_real)
string(FIND "${chiso_dir_real}/" "${search_path_real}/" pos)
if(NOT pos EQUAL 0)
  message(FATAL_ERROR "consumer: found chiso in '${chiso_dir}', expected it under '${search_path}'")
endif()

run_step("build" "${CMAKE_COMMAND}" --build "${consumer_build}" --config "${CONFIG}")

set(exe "${consumer_build}/chiso_consumer")
if(NOT EXISTS "${exe}" AND EXISTS "${consumer_build}/${CONFIG}/chiso_consumer")
  set(exe "${consumer_build}/${CONFIG}/chiso_consumer")
endif()
run_step("run" "${exe}")
message(STATUS "consumer: ${step_output}")
if(NOT step_output MATCHES "chiso consumer ok")
  message(FATAL_ERROR "consumer: unexpected output from ${exe}:\n${step_output}")
endif()
