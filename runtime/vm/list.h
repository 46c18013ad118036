// vm.list: a growable list of values (packed), refs of one type, or variants.
#ifndef SINEW_RUNTIME_VM_LIST_H_
#define SINEW_RUNTIME_VM_LIST_H_

#include <stddef.h>
#include <stdint.h>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/vm/ref.h"
#include "runtime/vm/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sinew_vm_list_t sinew_vm_list_t;

const sinew_vm_ref_type_descriptor_t* sinew_vm_list_descriptor(void);
sinew_vm_ref_type_t sinew_vm_list_type(void);

// Capacity is rounded up to a multiple of 64 elements; new slots are zero/null/empty.
sinew_status_t sinew_vm_list_create(sinew_vm_type_def_t element_type, uint64_t initial_capacity,
                                    sinew_allocator_t allocator, sinew_vm_list_t** out_list);
static inline void sinew_vm_list_retain(sinew_vm_list_t* list) {
  sinew_vm_object_retain(list, sinew_vm_list_type());
}
static inline void sinew_vm_list_release(sinew_vm_list_t* list) {
  sinew_vm_object_release(list, sinew_vm_list_type());
}
static inline sinew_vm_list_t* sinew_vm_list_deref(const sinew_vm_ref_t* ref) {
  return ref->type == sinew_vm_list_type() ? (sinew_vm_list_t*)ref->ptr : NULL;
}

sinew_vm_type_def_t sinew_vm_list_element_type(const sinew_vm_list_t* list);
uint64_t sinew_vm_list_size(const sinew_vm_list_t* list);
uint64_t sinew_vm_list_capacity(const sinew_vm_list_t* list);
sinew_status_t sinew_vm_list_reserve(sinew_vm_list_t* list, uint64_t minimum_capacity);
// Shrinking releases refs in the removed slots; growing exposes zero/null/empty slots.
sinew_status_t sinew_vm_list_resize(sinew_vm_list_t* list, uint64_t new_size);
void sinew_vm_list_clear(sinew_vm_list_t* list);

// Errors (exact messages): OUT_OF_RANGE "index I out of bounds (SIZE)"; FAILED_PRECONDITION
// "list does not store values" / "list cannot store values" / "list does not store refs" /
// "list cannot store refs" / "variant at index I is not a value type"; INVALID_ARGUMENT
// "source ref type mismatch".
sinew_status_t sinew_vm_list_get_value_as(const sinew_vm_list_t* list, uint64_t index,
                                          sinew_vm_value_type_t type, sinew_vm_value_t* out_value);
// A value list converts to its element type; a variant list stores the value as given.
sinew_status_t sinew_vm_list_set_value(sinew_vm_list_t* list, uint64_t index,
                                       const sinew_vm_value_t* value);
sinew_status_t sinew_vm_list_push_value(sinew_vm_list_t* list, const sinew_vm_value_t* value);

// Ref accessors. `get` retains or moves out of the slot (a move leaves it null/empty). An
// empty variant slot yields null.
sinew_status_t sinew_vm_list_get_ref_retain_or_move(sinew_vm_list_t* list, uint64_t index,
                                                    int is_move, sinew_vm_ref_t* out_ref);
// Stores `ref` (moving or retaining) after checking the list's ref type; null empties a variant
// slot.
sinew_status_t sinew_vm_list_set_ref_retain_or_move(sinew_vm_list_t* list, uint64_t index,
                                                    int is_move, sinew_vm_ref_t* ref);
sinew_status_t sinew_vm_list_push_ref_retain_or_move(sinew_vm_list_t* list, int is_move,
                                                     sinew_vm_ref_t* ref);

// Variant accessors: `get` returns a retained copy for refs (caller releases out->ref).
sinew_status_t sinew_vm_list_get_variant_retain(const sinew_vm_list_t* list, uint64_t index,
                                                sinew_vm_variant_t* out_variant);
// Stores a copy (refs retained) of `variant`.
sinew_status_t sinew_vm_list_set_variant_retain(sinew_vm_list_t* list, uint64_t index,
                                                const sinew_vm_variant_t* variant);
sinew_status_t sinew_vm_list_push_variant_retain(sinew_vm_list_t* list,
                                                 const sinew_vm_variant_t* variant);

#ifdef __cplusplus
}  // extern "C"
#endif

#ifdef __cplusplus
namespace sinew::vm {
template <>
struct ref_type_traits<sinew_vm_list_t> {
  static constexpr std::string_view kTypeName = "vm.list";
  static sinew_vm_ref_type_t type() { return sinew_vm_list_type(); }
};
}  // namespace sinew::vm
#endif  // __cplusplus

#endif  // SINEW_RUNTIME_VM_LIST_H_
