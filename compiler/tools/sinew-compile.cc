// sinew-compile: compiles MLIR (func/arith/scf/cf/math/util) to a Sinew bytecode module.
//   sinew-compile IN.mlir -o OUT.vmb [--output-format=vmb|vmasm|mlir] [--index-bits=64|32]
// ('-' reads stdin / writes stdout). Errors are MLIR diagnostics with locations; exit 1.
#include <cstdio>
#include <string>
#include <vector>

#include "compiler/pipeline.h"
#include "compiler/target/bytecode_emitter.h"
#include "compiler/tools/module_text.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"

namespace {

namespace cl = llvm::cl;

enum class OutputFormat { kVmb, kVmasm, kMlir };

cl::opt<std::string> input_path(cl::Positional, cl::desc("<input.mlir>"), cl::init("-"));
cl::opt<std::string> output_path("o", cl::desc("Output file ('-' for stdout)"),
                                 cl::value_desc("path"), cl::init("-"));
cl::opt<OutputFormat> output_format(
    "output-format", cl::desc("What to write"), cl::init(OutputFormat::kVmb),
    cl::values(clEnumValN(OutputFormat::kVmb, "vmb", "a bytecode module (default)"),
               clEnumValN(OutputFormat::kVmasm, "vmasm", "the module as .vmasm text"),
               clEnumValN(OutputFormat::kMlir, "mlir", "the program in vm form, as MLIR")));
cl::opt<unsigned> index_bits("index-bits", cl::desc("Width of index values: 64 (default) or 32"),
                             cl::init(64));

int Fail(const llvm::Twine& message) {
  llvm::errs() << "sinew-compile: error: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  llvm::InitLLVM init(argc, argv);
  cl::ParseCommandLineOptions(argc, argv, "Sinew compiler: MLIR to bytecode modules\n");
  if (index_bits != 32 && index_bits != 64) {
    return Fail("--index-bits must be 32 or 64, got " + llvm::Twine(index_bits));
  }

  mlir::DialectRegistry registry;
  sinew::compiler::RegisterDialects(registry);
  mlir::MLIRContext context(registry);
  // Types of dialects the compiler does not know (!custom.string) are opaque ref types.
  context.allowUnregisteredDialects();
  // Diagnostics point at the source line; the op's generic form would only repeat it.
  context.printOpOnDiagnostic(false);

  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> input = mlir::openInputFile(input_path, &error);
  if (!input) return Fail(error);
  llvm::SourceMgr source_mgr;
  source_mgr.AddNewSourceBuffer(std::move(input), llvm::SMLoc());
  mlir::SourceMgrDiagnosticHandler diagnostics(source_mgr, &context);

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(source_mgr, &context);
  if (!module) return 1;
  mlir::PassManager pm(&context);
  sinew::compiler::BuildPipeline(pm, {.index_bits = index_bits});
  if (mlir::failed(pm.run(*module))) return 1;

  std::unique_ptr<llvm::ToolOutputFile> output = mlir::openOutputFile(output_path, &error);
  if (!output) return Fail(error);
  if (output_format == OutputFormat::kMlir) {
    module->print(output->os());
  } else {
    mlir::FailureOr<std::vector<uint8_t>> bytes = sinew::compiler::EmitBytecodeModule(*module);
    if (mlir::failed(bytes)) return 1;
    if (output_format == OutputFormat::kVmb) {
      output->os().write(reinterpret_cast<const char*>(bytes->data()), bytes->size());
    } else {
      std::string text;
      if (!sinew::compiler::ModuleToText(*bytes, &text, &error)) {
        return Fail("disassembling the module: " + error);
      }
      output->os() << text;
    }
  }
  output->keep();
  return 0;
}
