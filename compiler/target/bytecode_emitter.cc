// The module half of the emitter (bytecode_emitter.h): module metadata, imports and their
// dependencies, exports, globals, rodata and types; functions are encoded by
// function_emitter.cc.
#include "compiler/target/bytecode_emitter.h"

#include <map>

#include "compiler/dialect/util/util_dialect.h"
#include "compiler/dialect/vm/vm_dialect.h"
#include "compiler/target/module_tables.h"
#include "runtime/vm/module_flags.h"

namespace sinew::compiler {

using namespace mlir;

uint32_t ModuleTables::TypeOrdinal(const std::string& spelling) {
  auto [it, inserted] = types.try_emplace(spelling, static_cast<uint32_t>(desc.types.size()));
  if (inserted) desc.types.push_back(spelling);
  return it->second;
}

// Little-endian bytes of each element, in order.
static FailureOr<std::vector<uint8_t>> ElementBytes(Operation* user, DenseElementsAttr elements) {
  Type element_type = elements.getElementType();
  unsigned bits = element_type.getIntOrFloatBitWidth();
  if (bits % 8 != 0 && bits != 1) {
    return user->emitOpError("cannot store ") << element_type << " elements as bytes";
  }
  unsigned size = bits == 1 ? 1 : bits / 8;
  std::vector<uint8_t> bytes;
  bytes.reserve(elements.getNumElements() * size);
  auto append = [&](const APInt& value) {
    for (unsigned i = 0; i < size; ++i) {
      bytes.push_back(static_cast<uint8_t>(value.extractBitsAsZExtValue(8, i * 8)));
    }
  };
  if (isa<IntegerType>(element_type)) {
    for (const APInt& value : elements.getValues<APInt>()) append(value.zext(size * 8));
  } else if (isa<FloatType>(element_type)) {
    for (const APFloat& value : elements.getValues<APFloat>()) append(value.bitcastToAPInt());
  } else {
    return user->emitOpError("cannot store ") << element_type << " elements as bytes";
  }
  return bytes;
}

FailureOr<uint32_t> ModuleTables::RodataOrdinal(Operation* user, Attribute value) {
  if (auto it = rodata.find(value); it != rodata.end()) return it->second;
  std::vector<uint8_t> bytes;
  if (auto text = dyn_cast_or_null<StringAttr>(value)) {
    bytes.assign(text.getValue().begin(), text.getValue().end());
  } else if (auto elements = dyn_cast_or_null<DenseElementsAttr>(value)) {
    FailureOr<std::vector<uint8_t>> encoded = ElementBytes(user, elements);
    if (failed(encoded)) return failure();
    bytes = std::move(*encoded);
  } else {
    return user->emitOpError("rodata must be a string or dense elements");
  }
  uint32_t ordinal = static_cast<uint32_t>(desc.rodata.size());
  desc.rodata.push_back(std::move(bytes));
  rodata[value] = ordinal;
  return ordinal;
}

static std::string Cconv(FunctionType type) {
  std::string cconv = "0";
  for (Type input : type.getInputs()) cconv += vm::GetCconvChar(input);
  if (type.getNumInputs() == 0) cconv += 'v';
  cconv += '_';
  for (Type result : type.getResults()) cconv += vm::GetCconvChar(result);
  if (type.getNumResults() == 0) cconv += 'v';
  return cconv;
}

// Every type in `type` has a cconv character (checked before emitting).
static LogicalResult CheckSignature(func::FuncOp func) {
  for (Type type : llvm::concat<const Type>(func.getArgumentTypes(), func.getResultTypes())) {
    if (!vm::GetCconvChar(type)) {
      return func.emitOpError("type ") << type << " cannot cross a VM function boundary";
    }
  }
  return success();
}

// Adds the named ref types a type mentions to the type table.
static void NoteType(ModuleTables& tables, Type type) {
  if (auto ref = dyn_cast<vm::RefType>(type)) {
    std::string name = ref.getTypeName();
    if (!name.empty()) tables.TypeOrdinal("!" + name);
  }
}

// The `vm.version` of `op` (0 when absent). Anything but an integer in [0, 2^32) is an error
// rather than silently ignored or truncated (and getInt() would assert on wide integers).
static FailureOr<uint32_t> Version(Operation* op) {
  Attribute attr = op->getAttr("vm.version");
  if (!attr) return 0;
  auto integer = dyn_cast<IntegerAttr>(attr);
  if (!integer || !integer.getType().isIntOrIndex() || integer.getValue().getActiveBits() > 32 ||
      (integer.getValue().isNegative() && !integer.getType().isUnsignedInteger())) {
    return op->emitOpError("vm.version must be an integer in [0, 2^32), got ") << attr;
  }
  return static_cast<uint32_t>(integer.getValue().getZExtValue());
}

FailureOr<std::vector<uint8_t>> EmitBytecodeModule(ModuleOp module) {
  ModuleTables tables;
  sinew::vm::bytecode::ModuleDesc& desc = tables.desc;
  desc.name = module.getSymName() ? module.getSymName()->str() : "module";
  FailureOr<uint32_t> module_version = Version(module);
  if (failed(module_version)) return failure();
  desc.version = *module_version;

  SmallVector<func::FuncOp> bodies;
  // Per imported module: minimum version, and whether every import from it is optional.
  std::map<std::string, std::pair<uint32_t, bool>> dependencies;
  uint32_t rwdata_offset = 0;
  for (Operation& op : module.getOps()) {
    if (auto func = dyn_cast<func::FuncOp>(op)) {
      if (failed(CheckSignature(func))) return failure();
      for (Type type : llvm::concat<const Type>(func.getArgumentTypes(), func.getResultTypes())) {
        NoteType(tables, type);
      }
      if (!func.isExternal()) {
        if (func->hasAttr("vm.version")) {
          return func.emitOpError("vm.version is only allowed on imports and on the module");
        }
        tables.functions[func.getSymName()] = static_cast<uint32_t>(bodies.size());
        bodies.push_back(func);
        continue;
      }
      StringRef name = func.getSymName();
      size_t dot = name.find('.');
      if (dot == StringRef::npos || dot == 0 || dot + 1 == name.size()) {
        return func.emitOpError("imported function @") << name << " must be named @module.function";
      }
      bool optional = func->hasAttr("vm.fallback");
      FailureOr<uint32_t> import_version = Version(func);
      if (failed(import_version)) return failure();
      uint32_t version = *import_version;
      auto [it, inserted] = dependencies.try_emplace(name.substr(0, dot).str(), version, optional);
      it->second.first = std::max(it->second.first, version);
      it->second.second = it->second.second && optional;
      tables.imports[name] = static_cast<uint32_t>(desc.imports.size());
      // Variadic imports spell their cconv out; a function type cannot express C...D spans.
      std::string cconv = Cconv(func.getFunctionType());
      if (auto explicit_cconv = func->getAttrOfType<StringAttr>("vm.cconv")) {
        cconv = explicit_cconv.str();
      }
      desc.imports.push_back({name.str(), cconv, optional, {}});
      continue;
    }
    if (auto global = dyn_cast<util::GlobalOp>(op)) {
      Type type = global.getType();
      NoteType(tables, type);
      vm::Bank bank = vm::GetBank(type);
      if (bank == vm::Bank::kRef) {
        tables.globals[global.getSymName()] = desc.global_ref_count++;
      } else if (bank == vm::Bank::kInvalid) {
        return global.emitOpError("type ") << type << " has no VM storage";
      } else {
        uint32_t size = bank == vm::Bank::kI64 ? 8 : 4;
        rwdata_offset = (rwdata_offset + size - 1) & ~(size - 1);
        tables.globals[global.getSymName()] = rwdata_offset;
        rwdata_offset += size;
      }
      continue;
    }
    return op.emitOpError("is not allowed at module level in vm form");
  }
  desc.rwdata_size = rwdata_offset;
  for (const auto& [name, dependency] : dependencies) {
    desc.dependencies.push_back(
        {name, dependency.first,
         static_cast<uint32_t>(dependency.second ? SINEW_VM_MODULE_DEPENDENCY_OPTIONAL
                                                 : SINEW_VM_MODULE_DEPENDENCY_REQUIRED)});
  }

  desc.functions.resize(bodies.size());
  for (auto [ordinal, func] : llvm::enumerate(bodies)) {
    desc.functions[ordinal].cconv = Cconv(func.getFunctionType());
    desc.functions[ordinal].debug_name = func.getSymName().str();
    if (func.isPublic()) {
      desc.exports.push_back({func.getSymName().str(), static_cast<uint32_t>(ordinal), {}});
    }
  }
  for (auto [ordinal, func] : llvm::enumerate(bodies)) {
    func.walk([&](Operation* op) {
      for (Type type : op->getResultTypes()) NoteType(tables, type);
    });
    if (failed(EmitFunction(func, static_cast<uint32_t>(ordinal), tables))) return failure();
  }
  return sinew::vm::bytecode::WriteModule(desc);
}

}  // namespace sinew::compiler
