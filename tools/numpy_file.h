// Reading NumPy `.npy` arrays into buffer views, for the metadata-less `--input=@file.npy`,
// `+file.npy` and `*file.npy` forms (reference/TOOLS.md §2.6). A file may hold several arrays
// back to back; each read consumes one.
#ifndef SINEW_TOOLS_NUMPY_FILE_H_
#define SINEW_TOOLS_NUMPY_FILE_H_

#include <cstdio>
#include <string_view>

#include "runtime/base/allocator.h"
#include "runtime/base/status.h"
#include "runtime/hal/buffer_view.h"

namespace sinew::tools {

// Reads the array at the stream's position. Kinds b (i1), i (si<N>), u (ui<N>), f, c (cf<N>)
// and V (opaque) are supported, little-endian and C order only; anything else is
// UNIMPLEMENTED ("unsupported data type X", Fortran order, big-endian). Malformed files are
// INVALID_ARGUMENT and truncated ones DATA_LOSS, naming `path`.
StatusOr<vm::ref<hal::BufferView>> ReadNumpyArray(std::FILE* file, std::string_view path,
                                                  sinew_allocator_t allocator);

// Whether the stream has no bytes left (no further array).
bool AtEndOfFile(std::FILE* file);

}  // namespace sinew::tools

#endif  // SINEW_TOOLS_NUMPY_FILE_H_
