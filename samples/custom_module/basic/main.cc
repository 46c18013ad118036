// custom-module-run: the low-level embedding flow of the basic sample, step by step.
//   custom-module-run <module.vmb | -> <module.function>
// Creates an instance and the `custom` and `table` native modules, loads a bytecode module,
// links all three in a context, resolves the function and invokes it with no arguments.
#include <cstdio>
#include <string>

#include "runtime/vm/bytecode/bytecode_module.h"
#include "runtime/vm/context.h"
#include "runtime/vm/invocation.h"
#include "samples/custom_module/basic/module.h"

namespace {

sinew::Status Run(const std::string& module_path, const std::string& function_name) {
  // 1. The instance: the process-wide root that owns the type registry.
  sinew_vm_instance_t* instance = nullptr;
  SINEW_RETURN_IF_ERROR(
      sinew::FromC(sinew_vm_instance_create(sinew_allocator_system(), &instance)));

  // 2. The native modules. They can be reused across any number of contexts; creating
  //    `custom` registers `custom.string`, though bytecode could be loaded before it too.
  sinew_vm_module_t* custom = nullptr;
  sinew_vm_module_t* table = nullptr;
  sinew_vm_module_t* program = nullptr;
  sinew_vm_context_t* context = nullptr;
  sinew::Status status =
      sinew::FromC(sinew_custom_module_basic_create(instance, sinew_allocator_system(), &custom));
  if (status.has_value()) {
    status =
        sinew::FromC(sinew_custom_module_table_create(instance, sinew_allocator_system(), &table));
  }

  // 3. The compiled program, from a file or stdin ("-").
  if (status.has_value()) {
    auto loaded =
        sinew::vm::LoadBytecodeModuleFile(instance, module_path, sinew_allocator_system());
    if (loaded.has_value()) {
      program = *loaded;
    } else {
      status = std::unexpected(std::move(loaded).error());
    }
  }

  // 4. A context with the modules in dependency order: imports resolve newest-first, so the
  //    program comes after the modules it calls.
  if (status.has_value()) {
    sinew_vm_module_t* modules[] = {custom, table, program};
    auto created =
        sinew::vm::CreateContextWithModules(instance, 0, modules, sinew_allocator_system());
    if (created.has_value()) {
      context = *created;
    } else {
      status = std::unexpected(std::move(created).error());
    }
  }

  // 5. Resolve "module.function" and invoke it with no inputs or outputs.
  if (status.has_value()) {
    auto function = sinew::vm::ResolveFunction(context, function_name);
    if (function.has_value()) {
      std::printf("INVOKE BEGIN %s\n", function_name.c_str());
      std::fflush(stdout);
      status = sinew::vm::Invoke(context, *function, 0, nullptr, nullptr);
      if (status.has_value()) std::printf("INVOKE END\n");
    } else {
      status = std::unexpected(std::move(function).error());
    }
  }

  // 6. Release everything; the context holds its own references to the modules.
  if (context) sinew::vm::ReleaseContext(context);
  if (program) sinew_vm_module_release(program);
  if (table) sinew_vm_module_release(table);
  if (custom) sinew_vm_module_release(custom);
  sinew_vm_instance_release(instance);
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: custom-module-run <module.vmb | -> <module.function>\n");
    return 1;
  }
  sinew::Status status = Run(argv[1], argv[2]);
  if (!status.has_value()) {
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", status.error().ToString().c_str());
    return 1;
  }
  return 0;
}
