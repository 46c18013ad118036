// vm.list: storage modes (packed values, typed refs, variants), growth, and typed accessors.
#include "runtime/vm/list.h"

#include <inttypes.h>

#include <cstddef>
#include <cstring>
#include <utility>

namespace {

enum class StorageMode : uint8_t { kValue, kRef, kVariant };

constexpr uint64_t kCapacityGranularity = 64;
// The most storage one list may hold.
constexpr uint64_t kMaxListBytes = uint64_t{2} << 30;

}  // namespace

// Invariant: slots in [size, capacity) are all-zero, i.e. zero values, null refs or empty
// variants, so growing the size exposes them without further work.
struct sinew_vm_list_t {
  uint32_t counter;  // Must stay first: the type's counter offset is 0.
  StorageMode mode;
  uint32_t slot_size;
  sinew_vm_type_def_t element_type;
  uint64_t size;
  uint64_t capacity;
  uint8_t* storage;
  sinew_allocator_t allocator;
};

namespace {

uint32_t ValueTypeSize(sinew_vm_value_type_t type) {
  switch (type) {
    case SINEW_VM_VALUE_TYPE_I8:
      return 1;
    case SINEW_VM_VALUE_TYPE_I16:
      return 2;
    case SINEW_VM_VALUE_TYPE_I32:
    case SINEW_VM_VALUE_TYPE_F32:
      return 4;
    case SINEW_VM_VALUE_TYPE_I64:
    case SINEW_VM_VALUE_TYPE_F64:
      return 8;
    default:
      return 0;
  }
}

uint8_t* Slot(const sinew_vm_list_t* list, uint64_t index) {
  return list->storage + index * list->slot_size;
}
sinew_vm_ref_t* RefSlot(const sinew_vm_list_t* list, uint64_t index) {
  return reinterpret_cast<sinew_vm_ref_t*>(Slot(list, index));
}
sinew_vm_variant_t* VariantSlot(const sinew_vm_list_t* list, uint64_t index) {
  return reinterpret_cast<sinew_vm_variant_t*>(Slot(list, index));
}

// Reads/writes a value of `type` at `data` (a packed slot or a variant's value union).
sinew_vm_value_t LoadValue(sinew_vm_value_type_t type, const void* data) {
  sinew_vm_value_t value;
  value.type = type;
  value.i64 = 0;
  switch (type) {
    case SINEW_VM_VALUE_TYPE_I8:
      std::memcpy(&value.i8, data, 1);
      break;
    case SINEW_VM_VALUE_TYPE_I16:
      std::memcpy(&value.i16, data, 2);
      break;
    case SINEW_VM_VALUE_TYPE_I32:
      std::memcpy(&value.i32, data, 4);
      break;
    case SINEW_VM_VALUE_TYPE_I64:
      std::memcpy(&value.i64, data, 8);
      break;
    case SINEW_VM_VALUE_TYPE_F32:
      std::memcpy(&value.f32, data, 4);
      break;
    case SINEW_VM_VALUE_TYPE_F64:
      std::memcpy(&value.f64, data, 8);
      break;
    default:
      break;
  }
  return value;
}

void StoreValue(const sinew_vm_value_t& value, void* data) {
  switch (value.type) {
    case SINEW_VM_VALUE_TYPE_I8:
      std::memcpy(data, &value.i8, 1);
      break;
    case SINEW_VM_VALUE_TYPE_I16:
      std::memcpy(data, &value.i16, 2);
      break;
    case SINEW_VM_VALUE_TYPE_I32:
      std::memcpy(data, &value.i32, 4);
      break;
    case SINEW_VM_VALUE_TYPE_I64:
      std::memcpy(data, &value.i64, 8);
      break;
    case SINEW_VM_VALUE_TYPE_F32:
      std::memcpy(data, &value.f32, 4);
      break;
    case SINEW_VM_VALUE_TYPE_F64:
      std::memcpy(data, &value.f64, 8);
      break;
    default:
      break;
  }
}

// Takes the ref out of a ref or variant slot (leaving it null/empty) so the caller can release
// it after the list is consistent again: a destroy callback may look at the list.
sinew_vm_ref_t TakeRef(sinew_vm_list_t* list, uint64_t index) {
  sinew_vm_ref_t ref = {nullptr, 0};
  if (list->mode == StorageMode::kRef) {
    std::swap(ref, *RefSlot(list, index));
  } else if (list->mode == StorageMode::kVariant) {
    sinew_vm_variant_t* slot = VariantSlot(list, index);
    if (sinew_vm_variant_is_ref(slot)) ref = slot->ref;
    *slot = sinew_vm_variant_empty();
  }
  return ref;
}

// Zeroes slots [begin, end), releasing the refs they held.
void ClearSlots(sinew_vm_list_t* list, uint64_t begin, uint64_t end) {
  if (begin >= end) return;
  if (list->mode == StorageMode::kValue) {
    std::memset(Slot(list, begin), 0, (end - begin) * list->slot_size);
    return;
  }
  for (uint64_t i = begin; i < end; ++i) {
    sinew_vm_ref_t ref = TakeRef(list, i);
    sinew_vm_ref_release(&ref);
  }
}

void DestroyList(void* ptr) {
  auto* list = static_cast<sinew_vm_list_t*>(ptr);
  ClearSlots(list, 0, list->size);
  sinew_allocator_free(list->allocator, list->storage);
  sinew_allocator_free(list->allocator, list);
}

constexpr sinew_vm_ref_type_descriptor_t kListDescriptor = {
    DestroyList,
    "vm.list",
    0,
};

sinew_status_t CheckIndex(const sinew_vm_list_t* list, uint64_t index) {
  if (index >= list->size) [[unlikely]] {
    return sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__,
                             "index %" PRIu64 " out of bounds (%" PRIu64 ")", index, list->size);
  }
  return sinew_ok_status();
}

sinew_status_t CheckValueType(sinew_vm_value_type_t type) {
  if (ValueTypeSize(type) == 0) [[unlikely]] {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "invalid value type %d", static_cast<int>(type));
  }
  return sinew_ok_status();
}

sinew_status_t FailedPrecondition(const char* message) {
  return sinew_status_make(SINEW_STATUS_FAILED_PRECONDITION, __FILE__, __LINE__, "%s", message);
}

// Stores `*ref` into `slot` (moving or retaining) and releases what the slot held before.
void AssignRef(int is_move, sinew_vm_ref_t* ref, sinew_vm_ref_t* slot) {
  sinew_vm_ref_t incoming = *ref;
  if (incoming.ptr == nullptr) {
    incoming.type = 0;
  } else if (is_move) {
    ref->ptr = nullptr;
    ref->type = 0;
  } else {
    sinew_vm_object_retain(incoming.ptr, incoming.type);
  }
  sinew_vm_ref_t old = *slot;
  *slot = incoming;
  sinew_vm_ref_release(&old);
}

}  // namespace

extern "C" {

const sinew_vm_ref_type_descriptor_t* sinew_vm_list_descriptor(void) { return &kListDescriptor; }

sinew_vm_ref_type_t sinew_vm_list_type(void) {
  // Folds to a constant: the descriptor is constexpr and its counter offset is 0.
  return sinew_vm_ref_type_from_descriptor(&kListDescriptor);
}

sinew_status_t sinew_vm_list_create(sinew_vm_type_def_t element_type, uint64_t initial_capacity,
                                    sinew_allocator_t allocator, sinew_vm_list_t** out_list) {
  *out_list = nullptr;
  StorageMode mode;
  uint32_t slot_size;
  if (sinew_vm_type_def_is_value(element_type)) {
    slot_size = ValueTypeSize(element_type.value_type);
    if (slot_size == 0 || element_type.ref_type != 0) {
      return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                               "invalid list element type (value type %d, ref type %s)",
                               static_cast<int>(element_type.value_type),
                               sinew_vm_ref_type_name(element_type.ref_type));
    }
    mode = StorageMode::kValue;
  } else if (sinew_vm_type_def_is_ref(element_type)) {
    mode = StorageMode::kRef;
    slot_size = sizeof(sinew_vm_ref_t);
  } else {
    mode = StorageMode::kVariant;
    slot_size = sizeof(sinew_vm_variant_t);
  }
  void* memory = nullptr;
  SINEW_RETURN_IF_ERROR_C(sinew_allocator_malloc(allocator, sizeof(sinew_vm_list_t),
                                                 alignof(sinew_vm_list_t), &memory));
  auto* list = static_cast<sinew_vm_list_t*>(memory);
  list->counter = 1;
  list->mode = mode;
  list->slot_size = slot_size;
  list->element_type = element_type;
  list->size = 0;
  list->capacity = 0;
  list->storage = nullptr;
  list->allocator = allocator;
  sinew_status_t status = sinew_vm_list_reserve(list, initial_capacity);
  if (!sinew_status_is_ok(status)) {
    sinew_allocator_free(allocator, list);
    return status;
  }
  *out_list = list;
  return sinew_ok_status();
}

sinew_vm_type_def_t sinew_vm_list_element_type(const sinew_vm_list_t* list) {
  return list->element_type;
}

uint64_t sinew_vm_list_size(const sinew_vm_list_t* list) { return list->size; }

uint64_t sinew_vm_list_capacity(const sinew_vm_list_t* list) { return list->capacity; }

sinew_status_t sinew_vm_list_reserve(sinew_vm_list_t* list, uint64_t minimum_capacity) {
  if (minimum_capacity <= list->capacity) return sinew_ok_status();
  // The largest capacity whose byte size fits; a multiple of the granularity, so rounding up
  // anything below it cannot overflow either.
  uint64_t max_capacity = (SIZE_MAX / list->slot_size) & ~(kCapacityGranularity - 1);
  if (minimum_capacity > max_capacity) {
    return sinew_status_make(SINEW_STATUS_OUT_OF_RANGE, __FILE__, __LINE__, "capacity overflow");
  }
  // Fail fast rather than zero-fill gigabytes for a corrupt or runaway size.
  if (minimum_capacity * list->slot_size > kMaxListBytes) {
    return sinew_status_make(SINEW_STATUS_RESOURCE_EXHAUSTED, __FILE__, __LINE__,
                             "list capacity %" PRIu64 " (%" PRIu64
                             " bytes) exceeds the limit of %" PRIu64 " bytes",
                             minimum_capacity, minimum_capacity * list->slot_size, kMaxListBytes);
  }
  uint64_t capacity = (minimum_capacity + kCapacityGranularity - 1) & ~(kCapacityGranularity - 1);
  size_t old_bytes = static_cast<size_t>(list->capacity * list->slot_size);
  size_t new_bytes = static_cast<size_t>(capacity * list->slot_size);
  void* memory = nullptr;
  SINEW_RETURN_IF_ERROR_C(
      sinew_allocator_malloc(list->allocator, new_bytes, alignof(std::max_align_t), &memory));
  auto* storage = static_cast<uint8_t*>(memory);
  // Refs and variants are plain structs, so moving them bytewise keeps their counts intact.
  if (old_bytes) std::memcpy(storage, list->storage, old_bytes);
  std::memset(storage + old_bytes, 0, new_bytes - old_bytes);
  sinew_allocator_free(list->allocator, list->storage);
  list->storage = storage;
  list->capacity = capacity;
  return sinew_ok_status();
}

sinew_status_t sinew_vm_list_resize(sinew_vm_list_t* list, uint64_t new_size) {
  uint64_t old_size = list->size;
  if (new_size > old_size) {
    SINEW_RETURN_IF_ERROR_C(sinew_vm_list_reserve(list, new_size));
    list->size = new_size;
  } else {
    list->size = new_size;
    ClearSlots(list, new_size, old_size);
  }
  return sinew_ok_status();
}

void sinew_vm_list_clear(sinew_vm_list_t* list) {
  uint64_t old_size = list->size;
  list->size = 0;
  ClearSlots(list, 0, old_size);
}

sinew_status_t sinew_vm_list_get_value_as(const sinew_vm_list_t* list, uint64_t index,
                                          sinew_vm_value_type_t type, sinew_vm_value_t* out_value) {
  SINEW_RETURN_IF_ERROR_C(CheckValueType(type));
  SINEW_RETURN_IF_ERROR_C(CheckIndex(list, index));
  sinew_vm_value_t value;
  switch (list->mode) {
    case StorageMode::kValue:
      value = LoadValue(list->element_type.value_type, Slot(list, index));
      break;
    case StorageMode::kRef:
      return FailedPrecondition("list does not store values");
    case StorageMode::kVariant: {
      const sinew_vm_variant_t* slot = VariantSlot(list, index);
      if (!sinew_vm_variant_is_value(slot)) {
        return sinew_status_make(SINEW_STATUS_FAILED_PRECONDITION, __FILE__, __LINE__,
                                 "variant at index %" PRIu64 " is not a value type", index);
      }
      value = LoadValue(slot->type.value_type, &slot->i64);
      break;
    }
  }
  *out_value = sinew_vm_value_convert(value, type);
  return sinew_ok_status();
}

sinew_status_t sinew_vm_list_set_value(sinew_vm_list_t* list, uint64_t index,
                                       const sinew_vm_value_t* value) {
  SINEW_RETURN_IF_ERROR_C(CheckValueType(value->type));
  SINEW_RETURN_IF_ERROR_C(CheckIndex(list, index));
  switch (list->mode) {
    case StorageMode::kValue:
      StoreValue(sinew_vm_value_convert(*value, list->element_type.value_type), Slot(list, index));
      break;
    case StorageMode::kRef:
      return FailedPrecondition("list cannot store values");
    case StorageMode::kVariant: {
      sinew_vm_ref_t old = TakeRef(list, index);
      sinew_vm_variant_t* slot = VariantSlot(list, index);
      slot->type = sinew_vm_make_value_type_def(value->type);
      StoreValue(*value, &slot->i64);
      sinew_vm_ref_release(&old);
      break;
    }
  }
  return sinew_ok_status();
}

sinew_status_t sinew_vm_list_push_value(sinew_vm_list_t* list, const sinew_vm_value_t* value) {
  uint64_t index = list->size;
  SINEW_RETURN_IF_ERROR_C(sinew_vm_list_resize(list, index + 1));
  sinew_status_t status = sinew_vm_list_set_value(list, index, value);
  // A failed set left the new slot untouched (zero), so dropping it needs no release.
  if (!sinew_status_is_ok(status)) list->size = index;
  return status;
}

sinew_status_t sinew_vm_list_get_ref_retain_or_move(sinew_vm_list_t* list, uint64_t index,
                                                    int is_move, sinew_vm_ref_t* out_ref) {
  SINEW_RETURN_IF_ERROR_C(CheckIndex(list, index));
  switch (list->mode) {
    case StorageMode::kValue:
      return FailedPrecondition("list does not store refs");
    case StorageMode::kRef:
      sinew_vm_ref_retain_or_move(is_move, RefSlot(list, index), out_ref);
      break;
    case StorageMode::kVariant: {
      sinew_vm_variant_t* slot = VariantSlot(list, index);
      if (sinew_vm_variant_is_value(slot)) {
        return sinew_status_make(SINEW_STATUS_FAILED_PRECONDITION, __FILE__, __LINE__,
                                 "variant at index %" PRIu64 " is not a ref type", index);
      }
      if (sinew_vm_variant_is_empty(slot)) {
        sinew_vm_ref_release(out_ref);
      } else if (is_move) {
        sinew_vm_ref_t ref = TakeRef(list, index);
        sinew_vm_ref_move(&ref, out_ref);
      } else {
        sinew_vm_ref_retain(&slot->ref, out_ref);
      }
      break;
    }
  }
  return sinew_ok_status();
}

sinew_status_t sinew_vm_list_set_ref_retain_or_move(sinew_vm_list_t* list, uint64_t index,
                                                    int is_move, sinew_vm_ref_t* ref) {
  SINEW_RETURN_IF_ERROR_C(CheckIndex(list, index));
  switch (list->mode) {
    case StorageMode::kValue:
      return FailedPrecondition("list cannot store refs");
    case StorageMode::kRef:
      if (ref->ptr && ref->type != list->element_type.ref_type) {
        return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                                 "source ref type mismatch");
      }
      AssignRef(is_move, ref, RefSlot(list, index));
      break;
    case StorageMode::kVariant: {
      // Empty the slot first so an old value's bits are never read as a ref.
      sinew_vm_ref_t slot_ref = TakeRef(list, index);
      AssignRef(is_move, ref, &slot_ref);
      sinew_vm_variant_t* slot = VariantSlot(list, index);
      if (slot_ref.ptr) {
        slot->type = sinew_vm_make_ref_type_def(slot_ref.type);
        slot->ref = slot_ref;
      }
      break;
    }
  }
  return sinew_ok_status();
}

sinew_status_t sinew_vm_list_push_ref_retain_or_move(sinew_vm_list_t* list, int is_move,
                                                     sinew_vm_ref_t* ref) {
  uint64_t index = list->size;
  SINEW_RETURN_IF_ERROR_C(sinew_vm_list_resize(list, index + 1));
  sinew_status_t status = sinew_vm_list_set_ref_retain_or_move(list, index, is_move, ref);
  if (!sinew_status_is_ok(status)) list->size = index;
  return status;
}

sinew_status_t sinew_vm_list_get_variant_retain(const sinew_vm_list_t* list, uint64_t index,
                                                sinew_vm_variant_t* out_variant) {
  SINEW_RETURN_IF_ERROR_C(CheckIndex(list, index));
  *out_variant = sinew_vm_variant_empty();
  switch (list->mode) {
    case StorageMode::kValue: {
      out_variant->type = list->element_type;
      std::memcpy(&out_variant->i64, Slot(list, index), list->slot_size);
      break;
    }
    case StorageMode::kRef:
      // Typed like the list even when null, as the slot's type is known.
      out_variant->type = list->element_type;
      sinew_vm_ref_retain(RefSlot(list, index), &out_variant->ref);
      break;
    case StorageMode::kVariant:
      *out_variant = *VariantSlot(list, index);
      if (sinew_vm_variant_is_ref(out_variant)) {
        sinew_vm_object_retain(out_variant->ref.ptr, out_variant->ref.type);
      }
      break;
  }
  return sinew_ok_status();
}

sinew_status_t sinew_vm_list_set_variant_retain(sinew_vm_list_t* list, uint64_t index,
                                                const sinew_vm_variant_t* variant) {
  if (sinew_vm_variant_is_value(variant)) {
    sinew_vm_value_t value = LoadValue(variant->type.value_type, &variant->i64);
    return sinew_vm_list_set_value(list, index, &value);
  }
  // An empty variant stores as a null ref.
  sinew_vm_ref_t ref = {nullptr, 0};
  if (sinew_vm_variant_is_ref(variant)) ref = variant->ref;
  return sinew_vm_list_set_ref_retain_or_move(list, index, /*is_move=*/0, &ref);
}

sinew_status_t sinew_vm_list_push_variant_retain(sinew_vm_list_t* list,
                                                 const sinew_vm_variant_t* variant) {
  uint64_t index = list->size;
  SINEW_RETURN_IF_ERROR_C(sinew_vm_list_resize(list, index + 1));
  sinew_status_t status = sinew_vm_list_set_variant_retain(list, index, variant);
  if (!sinew_status_is_ok(status)) list->size = index;
  return status;
}

}  // extern "C"
