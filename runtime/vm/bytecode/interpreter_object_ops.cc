// Buffer and list instructions (VM_OPS.md sections 4 and 5).
#include "runtime/vm/bytecode/interpreter_object_ops.h"

#include "runtime/vm/buffer.h"
#include "runtime/vm/bytecode/interpreter_util.h"
#include "runtime/vm/list.h"

namespace sinew::vm::bytecode {
namespace {

sinew_status_t NullError(const char* what) {
  return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__, "%s is null", what);
}

sinew_vm_ref_t& Ref(const OpContext& c, const uint8_t* p) {
  return c.refs[ReadU16(p) & SINEW_VM_REGISTER_REF_ORDINAL_MASK];
}
bool IsMove(const uint8_t* p) { return (ReadU16(p) & SINEW_VM_REGISTER_MOVE) != 0; }
sinew_vm_buffer_t* Buffer(const OpContext& c, const uint8_t* p) {
  return sinew_vm_buffer_deref(&Ref(c, p));
}
sinew_vm_list_t* List(const OpContext& c, const uint8_t* p) {
  return sinew_vm_list_deref(&Ref(c, p));
}
uint64_t U64(const OpContext& c, const uint8_t* p) {
  return static_cast<uint64_t>(LoadI64(c.i32, ReadU16(p)));
}
uint32_t& Slot(const OpContext& c, const uint8_t* p) { return c.i32[ReadU16(p)]; }

sinew_status_t BufferLoad(const OpContext& c, const uint8_t* pc, uint32_t size, bool sign,
                          bool wide) {
  sinew_vm_buffer_t* buffer = Buffer(c, pc + 2);
  if (!buffer) return NullError("source_buffer");
  uint64_t raw = 0;
  SINEW_RETURN_IF_ERROR_C(sinew_vm_buffer_read_elements(buffer, U64(c, pc + 4), &raw, 1, size));
  if (wide) {
    StoreI64(c.i32, ReadU16(pc + 6), static_cast<int64_t>(raw));
    return sinew_ok_status();
  }
  uint32_t value = static_cast<uint32_t>(raw);
  if (sign && size == 1) value = static_cast<uint32_t>(static_cast<int8_t>(value));
  if (sign && size == 2) value = static_cast<uint32_t>(static_cast<int16_t>(value));
  Slot(c, pc + 6) = value;
  return sinew_ok_status();
}

sinew_status_t BufferStore(const OpContext& c, const uint8_t* pc, uint32_t size, bool wide) {
  sinew_vm_buffer_t* buffer = Buffer(c, pc + 4);
  if (!buffer) return NullError("target_buffer");
  uint64_t value = wide ? static_cast<uint64_t>(LoadI64(c.i32, ReadU16(pc + 2))) : Slot(c, pc + 2);
  return sinew_vm_buffer_write_elements(buffer, U64(c, pc + 6), &value, 1, size);
}

sinew_status_t BufferFill(const OpContext& c, const uint8_t* pc, uint32_t size, bool wide) {
  sinew_vm_buffer_t* buffer = Buffer(c, pc + 2);
  if (!buffer) return NullError("buffer");
  uint64_t value = wide ? static_cast<uint64_t>(LoadI64(c.i32, ReadU16(pc + 8))) : Slot(c, pc + 8);
  return sinew_vm_buffer_fill_elements(buffer, U64(c, pc + 4), U64(c, pc + 6), size, &value);
}

sinew_status_t ListGet(const OpContext& c, const uint8_t* pc, sinew_vm_value_type_t type) {
  sinew_vm_list_t* list = List(c, pc + 2);
  if (!list) return NullError("list");
  sinew_vm_value_t value;
  SINEW_RETURN_IF_ERROR_C(sinew_vm_list_get_value_as(list, Slot(c, pc + 4), type, &value));
  if (type == SINEW_VM_VALUE_TYPE_I64 || type == SINEW_VM_VALUE_TYPE_F64) {
    StoreI64(c.i32, ReadU16(pc + 6), value.i64);
  } else {
    Slot(c, pc + 6) = static_cast<uint32_t>(value.i32);
  }
  return sinew_ok_status();
}

sinew_status_t ListSet(const OpContext& c, const uint8_t* pc, sinew_vm_value_type_t type) {
  sinew_vm_list_t* list = List(c, pc + 2);
  if (!list) return NullError("list");
  sinew_vm_value_t value;
  value.type = type;
  value.i64 = 0;
  if (type == SINEW_VM_VALUE_TYPE_I64 || type == SINEW_VM_VALUE_TYPE_F64) {
    value.i64 = LoadI64(c.i32, ReadU16(pc + 6));
  } else {
    value.i32 = static_cast<int32_t>(Slot(c, pc + 6));
  }
  return sinew_vm_list_set_value(list, Slot(c, pc + 4), &value);
}

}  // namespace

sinew_status_t ExecuteObjectOp(Opcode opcode, const uint8_t* pc, const OpContext& c,
                               uint32_t* out_length) {
  sinew_allocator_t allocator = c.state->allocator;
  switch (opcode) {
    case Opcode::kBufferAlloc: {
      *out_length = 8;
      sinew_vm_buffer_t* buffer = nullptr;
      int64_t alignment = static_cast<int32_t>(Slot(c, pc + 4));
      SINEW_RETURN_IF_ERROR_C(sinew_vm_buffer_create(
          SINEW_VM_BUFFER_ACCESS_MUTABLE | SINEW_VM_BUFFER_ACCESS_ORIGIN_GUEST, U64(c, pc + 2),
          static_cast<uint64_t>(alignment), allocator, &buffer));
      sinew_vm_ref_wrap_assign(buffer, sinew_vm_buffer_type(), &Ref(c, pc + 6));
      return sinew_ok_status();
    }
    case Opcode::kBufferClone: {
      *out_length = 12;
      sinew_vm_buffer_t* source = Buffer(c, pc + 2);
      if (!source) return NullError("source");
      sinew_vm_buffer_t* buffer = nullptr;
      int64_t alignment = static_cast<int32_t>(Slot(c, pc + 8));
      SINEW_RETURN_IF_ERROR_C(sinew_vm_buffer_clone(
          SINEW_VM_BUFFER_ACCESS_MUTABLE | SINEW_VM_BUFFER_ACCESS_ORIGIN_GUEST, source,
          U64(c, pc + 4), U64(c, pc + 6), static_cast<uint64_t>(alignment), allocator, &buffer));
      sinew_vm_ref_wrap_assign(buffer, sinew_vm_buffer_type(), &Ref(c, pc + 10));
      return sinew_ok_status();
    }
    case Opcode::kBufferLength: {
      *out_length = 6;
      sinew_vm_buffer_t* buffer = Buffer(c, pc + 2);
      if (!buffer) return NullError("buffer");
      StoreI64(c.i32, ReadU16(pc + 4), static_cast<int64_t>(buffer->length));
      return sinew_ok_status();
    }
    case Opcode::kBufferCopy: {
      *out_length = 12;
      sinew_vm_buffer_t* source = Buffer(c, pc + 2);
      if (!source) return NullError("source_buffer");
      sinew_vm_buffer_t* target = Buffer(c, pc + 6);
      if (!target) return NullError("target_buffer");
      return sinew_vm_buffer_copy_bytes(source, U64(c, pc + 4), target, U64(c, pc + 8),
                                        U64(c, pc + 10));
    }
    case Opcode::kBufferCompare: {
      *out_length = 14;
      sinew_vm_buffer_t* lhs = Buffer(c, pc + 2);
      if (!lhs) return NullError("lhs_buffer");
      sinew_vm_buffer_t* rhs = Buffer(c, pc + 6);
      if (!rhs) return NullError("rhs_buffer");
      int equal = 0;
      SINEW_RETURN_IF_ERROR_C(sinew_vm_buffer_compare_bytes(
          lhs, U64(c, pc + 4), rhs, U64(c, pc + 8), U64(c, pc + 10), &equal));
      Slot(c, pc + 12) = equal ? 1 : 0;
      return sinew_ok_status();
    }
    case Opcode::kBufferHash: {
      *out_length = 10;
      sinew_vm_buffer_t* buffer = Buffer(c, pc + 2);
      if (!buffer) return NullError("source_buffer");
      uint64_t hash = 0;
      SINEW_RETURN_IF_ERROR_C(sinew_vm_buffer_hash(buffer, U64(c, pc + 4), U64(c, pc + 6), &hash));
      StoreI64(c.i32, ReadU16(pc + 8), static_cast<int64_t>(hash));
      return sinew_ok_status();
    }
    case Opcode::kBufferFillI8:
      *out_length = 10;
      return BufferFill(c, pc, 1, false);
    case Opcode::kBufferFillI16:
      *out_length = 10;
      return BufferFill(c, pc, 2, false);
    case Opcode::kBufferFillI32:
      *out_length = 10;
      return BufferFill(c, pc, 4, false);
    case Opcode::kBufferFillF32:
      *out_length = 10;
      return BufferFill(c, pc, 4, false);
    case Opcode::kBufferFillI64:
      *out_length = 10;
      return BufferFill(c, pc, 8, true);
    case Opcode::kBufferFillF64:
      *out_length = 10;
      return BufferFill(c, pc, 8, true);
    case Opcode::kBufferLoadI8U:
      *out_length = 8;
      return BufferLoad(c, pc, 1, false, false);
    case Opcode::kBufferLoadI8S:
      *out_length = 8;
      return BufferLoad(c, pc, 1, true, false);
    case Opcode::kBufferLoadI16U:
      *out_length = 8;
      return BufferLoad(c, pc, 2, false, false);
    case Opcode::kBufferLoadI16S:
      *out_length = 8;
      return BufferLoad(c, pc, 2, true, false);
    case Opcode::kBufferLoadI32:
      *out_length = 8;
      return BufferLoad(c, pc, 4, false, false);
    case Opcode::kBufferLoadF32:
      *out_length = 8;
      return BufferLoad(c, pc, 4, false, false);
    case Opcode::kBufferLoadI64:
      *out_length = 8;
      return BufferLoad(c, pc, 8, false, true);
    case Opcode::kBufferLoadF64:
      *out_length = 8;
      return BufferLoad(c, pc, 8, false, true);
    case Opcode::kBufferStoreI8:
      *out_length = 8;
      return BufferStore(c, pc, 1, false);
    case Opcode::kBufferStoreI16:
      *out_length = 8;
      return BufferStore(c, pc, 2, false);
    case Opcode::kBufferStoreI32:
      *out_length = 8;
      return BufferStore(c, pc, 4, false);
    case Opcode::kBufferStoreF32:
      *out_length = 8;
      return BufferStore(c, pc, 4, false);
    case Opcode::kBufferStoreI64:
      *out_length = 8;
      return BufferStore(c, pc, 8, true);
    case Opcode::kBufferStoreF64:
      *out_length = 8;
      return BufferStore(c, pc, 8, true);
    case Opcode::kListAlloc: {
      *out_length = 10;
      sinew_vm_list_t* list = nullptr;
      SINEW_RETURN_IF_ERROR_C(
          sinew_vm_list_create(c.state->types[ReadU32(pc + 4)], Slot(c, pc + 2), allocator, &list));
      sinew_vm_ref_wrap_assign(list, sinew_vm_list_type(), &Ref(c, pc + 8));
      return sinew_ok_status();
    }
    case Opcode::kListReserve: {
      *out_length = 6;
      sinew_vm_list_t* list = List(c, pc + 2);
      if (!list) return NullError("list");
      return sinew_vm_list_reserve(list, Slot(c, pc + 4));
    }
    case Opcode::kListSize: {
      *out_length = 6;
      sinew_vm_list_t* list = List(c, pc + 2);
      if (!list) return NullError("list");
      Slot(c, pc + 4) = static_cast<uint32_t>(sinew_vm_list_size(list));
      return sinew_ok_status();
    }
    case Opcode::kListResize: {
      *out_length = 6;
      sinew_vm_list_t* list = List(c, pc + 2);
      if (!list) return NullError("list");
      return sinew_vm_list_resize(list, Slot(c, pc + 4));
    }
    case Opcode::kListGetI32:
      *out_length = 8;
      return ListGet(c, pc, SINEW_VM_VALUE_TYPE_I32);
    case Opcode::kListGetI64:
      *out_length = 8;
      return ListGet(c, pc, SINEW_VM_VALUE_TYPE_I64);
    case Opcode::kListGetF32:
      *out_length = 8;
      return ListGet(c, pc, SINEW_VM_VALUE_TYPE_F32);
    case Opcode::kListGetF64:
      *out_length = 8;
      return ListGet(c, pc, SINEW_VM_VALUE_TYPE_F64);
    case Opcode::kListSetI32:
      *out_length = 8;
      return ListSet(c, pc, SINEW_VM_VALUE_TYPE_I32);
    case Opcode::kListSetI64:
      *out_length = 8;
      return ListSet(c, pc, SINEW_VM_VALUE_TYPE_I64);
    case Opcode::kListSetF32:
      *out_length = 8;
      return ListSet(c, pc, SINEW_VM_VALUE_TYPE_F32);
    case Opcode::kListSetF64:
      *out_length = 8;
      return ListSet(c, pc, SINEW_VM_VALUE_TYPE_F64);
    case Opcode::kListGetRef: {
      *out_length = 12;
      sinew_vm_list_t* list = List(c, pc + 2);
      if (!list) return NullError("list");
      sinew_vm_ref_t value = {nullptr, 0};
      SINEW_RETURN_IF_ERROR_C(
          sinew_vm_list_get_ref_retain_or_move(list, Slot(c, pc + 4), IsMove(pc + 10), &value));
      // A mismatched type yields null rather than an error (VM_OPS.md 5).
      if (!RefMatchesType(value, c.state->types[ReadU32(pc + 6)])) sinew_vm_ref_release(&value);
      sinew_vm_ref_move(&value, &Ref(c, pc + 10));
      return sinew_ok_status();
    }
    case Opcode::kListSetRef: {
      *out_length = 8;
      sinew_vm_list_t* list = List(c, pc + 2);
      if (!list) return NullError("list");
      return sinew_vm_list_set_ref_retain_or_move(list, Slot(c, pc + 4), IsMove(pc + 6),
                                                  &Ref(c, pc + 6));
    }
    default:
      return sinew_status_make(SINEW_STATUS_INTERNAL, __FILE__, __LINE__,
                               "opcode %u is not an object instruction",
                               static_cast<unsigned>(opcode));
  }
}

}  // namespace sinew::vm::bytecode
