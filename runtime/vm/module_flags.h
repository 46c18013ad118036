/* Flag bits of the module interface that the bytecode format and its writers share: register
 * operand flags and dependency flags. Plain C with no includes, so that code which cannot
 * use the rest of the runtime's headers (the compiler, built as C++20) can name them. */
#ifndef SINEW_RUNTIME_VM_MODULE_FLAGS_H_
#define SINEW_RUNTIME_VM_MODULE_FLAGS_H_

/* A register operand names a ref register; with MOVE the reader takes the reference and nulls
 * the register. */
#define SINEW_VM_REGISTER_REF 0x8000u
#define SINEW_VM_REGISTER_MOVE 0x4000u
#define SINEW_VM_REGISTER_REF_ORDINAL_MASK 0x3FFFu

enum {
  SINEW_VM_MODULE_DEPENDENCY_REQUIRED = 1u << 0,
  SINEW_VM_MODULE_DEPENDENCY_OPTIONAL = 1u << 1,
};

#endif /* SINEW_RUNTIME_VM_MODULE_FLAGS_H_ */
