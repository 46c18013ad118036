# Configures the project in this folder with the given cache settings and checks the result:
#   cmake -DBUILD=dir "-DSETTINGS=NAME=VALUE|NAME=VALUE" -DEXPECT=regex [-DEXPECT_FAILURE=ON]
#         [-DGENERATED=regex] -P check_configure.cmake
# A `,` in a value stands for `;` (a list separator). EXPECT must match the configure output; GENERATED the generated
# external_tooling_modules.cc.
file(REMOVE_RECURSE "${BUILD}")
string(REPLACE "|" ";" settings "${SETTINGS}")
set(initial_cache "")
foreach(setting IN LISTS settings)
  string(FIND "${setting}" "=" equals)
  string(SUBSTRING "${setting}" 0 ${equals} name)
  math(EXPR value_start "${equals} + 1")
  string(SUBSTRING "${setting}" ${value_start} -1 value)
  string(REPLACE "," ";" value "${value}")
  string(APPEND initial_cache "set(${name} \"${value}\" CACHE STRING \"\")\n")
endforeach()
file(WRITE "${BUILD}.cache.cmake" "${initial_cache}")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${CMAKE_CURRENT_LIST_DIR}" -B "${BUILD}" -G Ninja
                        -C "${BUILD}.cache.cmake"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(EXPECT_FAILURE AND result EQUAL 0)
  message(FATAL_ERROR "configure succeeded but was expected to fail:\n${output}")
elseif(NOT EXPECT_FAILURE AND NOT result EQUAL 0)
  message(FATAL_ERROR "configure failed:\n${output}")
endif()
# CMake wraps long messages: match against the output with whitespace runs made one space.
string(REGEX REPLACE "[ \n]+" " " flat_output "${output}")
if(NOT flat_output MATCHES "${EXPECT}")
  message(FATAL_ERROR "configure output does not match '${EXPECT}':\n${output}")
endif()
if(GENERATED)
  file(READ "${BUILD}/external_tooling_modules.cc" generated)
  if(NOT generated MATCHES "${GENERATED}")
    message(FATAL_ERROR "generated source does not match '${GENERATED}':\n${generated}")
  endif()
endif()
