# External tooling modules (reference/TOOLS.md section 8): native modules a build links into
# the tools so that programs importing them run unmodified.
#
#   -DSINEW_EXTERNAL_TOOLING_MODULES=name1;name2
#   per logical name (uppercased, `-` -> `_`), SINEW_EXTERNAL_TOOLING_MODULE_<NAME>_:
#     SOURCE_DIR      optional: added with add_subdirectory (must hold a CMakeLists.txt)
#     BINARY_DIR      optional: its binary directory
#     FOUND           optional: the module's CMake may set it FALSE to disable itself
#     OPTIONAL        optional: skip the module when not found instead of failing
#     TARGET          required: static library target with the module
#     NAME            required: the VM module name programs import from (e.g. custom)
#     CREATE          required: C function
#                     sinew_status_t fn(sinew_vm_instance_t*, sinew_allocator_t, sinew_vm_module_t**)
#     REGISTER_TYPES  optional: C function sinew_status_t fn(sinew_vm_instance_t*), called when
#                     the tools create their instance (never required: types resolve when
#                     modules join a context)
# IREE's plural prefix (SINEW_EXTERNAL_TOOLING_MODULES_<NAME>_) is accepted as well.

# Reads SINEW_EXTERNAL_TOOLING_MODULE[S]_<upper>_<suffix> into `out`.
function(_sinew_tooling_module_var out upper suffix)
  if(DEFINED SINEW_EXTERNAL_TOOLING_MODULE_${upper}_${suffix})
    set(${out} "${SINEW_EXTERNAL_TOOLING_MODULE_${upper}_${suffix}}" PARENT_SCOPE)
  else()
    set(${out} "${SINEW_EXTERNAL_TOOLING_MODULES_${upper}_${suffix}}" PARENT_SCOPE)
  endif()
endfunction()

# Creates static library `target` with the table of the external tooling modules named in
# ARGN (logical names) and links their targets into it.
function(sinew_add_external_tooling_modules target)
  set(declarations "")
  set(entries "")
  set(registrations "")
  set(module_targets "")
  set(used "")
  foreach(module IN LISTS ARGN)
    string(TOUPPER "${module}" upper)
    string(REPLACE "-" "_" upper "${upper}")
    message(STATUS "Adding Sinew external tooling module: ${module}")
    _sinew_tooling_module_var(source_dir ${upper} SOURCE_DIR)
    _sinew_tooling_module_var(binary_dir ${upper} BINARY_DIR)
    _sinew_tooling_module_var(optional ${upper} OPTIONAL)
    if(source_dir)
      if(NOT EXISTS "${source_dir}/CMakeLists.txt")
        message(FATAL_ERROR "External tooling module '${module}': SOURCE_DIR '${source_dir}' "
                            "has no CMakeLists.txt")
      endif()
      if(NOT binary_dir)
        set(binary_dir "${CMAKE_BINARY_DIR}/external_tooling_modules/${module}")
      endif()
      add_subdirectory("${source_dir}" "${binary_dir}")
    endif()
    _sinew_tooling_module_var(found ${upper} FOUND)
    if(NOT "${found}" STREQUAL "" AND NOT found)
      if(optional)
        message(STATUS "Skipping external tooling module '${module}': not found")
        continue()
      endif()
      message(FATAL_ERROR "External module '${module}' not found; may have unavailable "
                          "dependencies")
    endif()
    foreach(suffix TARGET NAME CREATE)
      _sinew_tooling_module_var(value ${upper} ${suffix})
      if("${value}" STREQUAL "")
        message(FATAL_ERROR "External tooling module '${module}': "
                            "SINEW_EXTERNAL_TOOLING_MODULE_${upper}_${suffix} is not set")
      endif()
      set(module_${suffix} "${value}")
    endforeach()
    foreach(suffix NAME CREATE)
      if(NOT module_${suffix} MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
        message(FATAL_ERROR "External tooling module '${module}': ${suffix} '${module_${suffix}}' "
                            "is not an identifier")
      endif()
    endforeach()
    if(NOT TARGET "${module_TARGET}")
      message(FATAL_ERROR "External tooling module '${module}': TARGET '${module_TARGET}' is not "
                          "a target")
    endif()
    _sinew_tooling_module_var(register_types ${upper} REGISTER_TYPES)
    string(APPEND declarations
           "sinew_status_t ${module_CREATE}(sinew_vm_instance_t*, sinew_allocator_t, "
           "sinew_vm_module_t**);\n")
    string(APPEND entries "      {\"${module_NAME}\", ${module_CREATE}},\n")
    if(register_types)
      string(APPEND declarations "sinew_status_t ${register_types}(sinew_vm_instance_t*);\n")
      string(APPEND registrations
             "  if (sinew_status_t status = ${register_types}(instance); !sinew_status_is_ok(status)) {\n"
             "    return std::unexpected(Error(status).Annotate(\n"
             "        \"registering the types of external tooling module '${module}'\"));\n"
             "  }\n")
    endif()
    list(APPEND module_targets "${module_TARGET}")
    list(APPEND used "${module}")
  endforeach()
  if(used)
    message(STATUS "Registering Sinew external tooling modules: ${used}")
    set(table "  static constexpr ToolingModule kModules[] = {\n${entries}  };\n  return kModules;")
  else()
    set(table "  return {};")
  endif()
  set(source "${CMAKE_CURRENT_BINARY_DIR}/external_tooling_modules.cc")
  configure_file("${CMAKE_CURRENT_FUNCTION_LIST_DIR}/external_tooling_modules.cc.in" "${source}"
                 @ONLY)
  add_library(${target} STATIC "${source}")
  target_link_libraries(${target} PUBLIC sinew_vm PRIVATE ${module_targets})
endfunction()
