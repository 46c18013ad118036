// Instance lifetime and the type registry.
#include "runtime/vm/instance.h"

#include <atomic>
#include <cstring>
#include <mutex>
#include <new>
#include <string_view>
#include <vector>

#include "runtime/vm/buffer.h"
#include "runtime/vm/list.h"

struct sinew_vm_instance_t {
  std::atomic<uint32_t> ref_count{1};
  sinew_allocator_t allocator;
  std::mutex mutex;
  struct Entry {
    const sinew_vm_ref_type_descriptor_t* descriptor;
    uint32_t registrations;
  };
  std::vector<Entry> types;
};

extern "C" {

const char* sinew_vm_ref_type_name(sinew_vm_ref_type_t type) {
  return type ? sinew_vm_ref_type_descriptor(type)->type_name : "null";
}

sinew_status_t sinew_vm_instance_create(sinew_allocator_t allocator,
                                        sinew_vm_instance_t** out_instance) {
  auto* instance = new (std::nothrow) sinew_vm_instance_t();
  if (!instance) {
    return sinew_status_make(SINEW_STATUS_RESOURCE_EXHAUSTED, __FILE__, __LINE__,
                             "out of memory creating instance");
  }
  instance->allocator = allocator;
  sinew_vm_ref_type_t unused;
  sinew_vm_instance_register_type(instance, sinew_vm_buffer_descriptor(), &unused);
  sinew_vm_instance_register_type(instance, sinew_vm_list_descriptor(), &unused);
  *out_instance = instance;
  return sinew_ok_status();
}

void sinew_vm_instance_retain(sinew_vm_instance_t* instance) {
  if (instance) instance->ref_count.fetch_add(1, std::memory_order_relaxed);
}

void sinew_vm_instance_release(sinew_vm_instance_t* instance) {
  if (instance && instance->ref_count.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    delete instance;
  }
}

sinew_allocator_t sinew_vm_instance_allocator(sinew_vm_instance_t* instance) {
  return instance->allocator;
}

sinew_status_t sinew_vm_instance_register_type(sinew_vm_instance_t* instance,
                                               const sinew_vm_ref_type_descriptor_t* descriptor,
                                               sinew_vm_ref_type_t* out_type) {
  if ((reinterpret_cast<uintptr_t>(descriptor) & 7) != 0) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "type descriptors must be aligned to 8 bytes");
  }
  if (descriptor->offsetof_counter % 4 != 0 || descriptor->offsetof_counter >= 32) {
    return sinew_status_make(SINEW_STATUS_INVALID_ARGUMENT, __FILE__, __LINE__,
                             "type '%s' counter offset %u must be a multiple of 4 below 32",
                             descriptor->type_name, descriptor->offsetof_counter);
  }
  std::lock_guard<std::mutex> lock(instance->mutex);
  for (auto& entry : instance->types) {
    if (entry.descriptor == descriptor) {
      ++entry.registrations;
      *out_type = sinew_vm_ref_type_from_descriptor(descriptor);
      return sinew_ok_status();
    }
  }
  instance->types.push_back({descriptor, 1});
  *out_type = sinew_vm_ref_type_from_descriptor(descriptor);
  return sinew_ok_status();
}

void sinew_vm_instance_unregister_type(sinew_vm_instance_t* instance,
                                       const sinew_vm_ref_type_descriptor_t* descriptor) {
  std::lock_guard<std::mutex> lock(instance->mutex);
  for (auto it = instance->types.begin(); it != instance->types.end(); ++it) {
    if (it->descriptor == descriptor) {
      if (--it->registrations == 0) instance->types.erase(it);
      return;
    }
  }
}

sinew_vm_ref_type_t sinew_vm_instance_lookup_type(sinew_vm_instance_t* instance, const char* name,
                                                  size_t name_length) {
  std::string_view wanted(name, name_length);
  std::lock_guard<std::mutex> lock(instance->mutex);
  for (const auto& entry : instance->types) {
    if (wanted == entry.descriptor->type_name) {
      return sinew_vm_ref_type_from_descriptor(entry.descriptor);
    }
  }
  return 0;
}

}  // extern "C"
