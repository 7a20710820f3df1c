// td.h — the conventions every export of the shim follows.
//
// * The ABI is plain C: tensors cross as opaque pointers to heap-allocated at::Tensor handles
//   (a refcounted handle, so freeing ours never frees memory libtorch still needs).
// * No C++ exception may cross into .NET. Every export runs its body inside TD_TRY, which stores
//   the message in a thread-local slot; the export then returns nullptr / -1 and the C# side
//   throws a TorchException carrying that message (see td_last_error).
#pragma once

#include <ATen/ATen.h>
#include <torch/version.h>
#include <cstdint>
#include <string>

#define TD_EXPORT extern "C" __attribute__((visibility("default")))

using TdTensor = at::Tensor*;

void td_set_error(const char* message);

// Wraps an export's body; on error records the message and falls through to the failure return.
#define TD_TRY(...)                                                        \
  try {                                                                    \
    __VA_ARGS__                                                            \
  } catch (const c10::Error& e) {                                          \
    td_set_error(e.what_without_backtrace());                              \
  } catch (const std::exception& e) {                                      \
    td_set_error(e.what());                                                \
  } catch (...) {                                                          \
    td_set_error("unknown C++ exception in the libtorch shim");            \
  }

// An export returning a new tensor: nullptr signals an error.
#define TD_RETURN_TENSOR(expr) \
  TD_TRY(return new at::Tensor(expr);) \
  return nullptr;

// An export returning a status: 0 on success, -1 on error.
#define TD_RETURN_STATUS(...) \
  TD_TRY(__VA_ARGS__; return 0;) \
  return -1;

// Scalars cross as a double plus a flag; integer tensors need integer scalars to keep their dtype.
inline at::Scalar td_scalar(double value, int is_integer) {
  return is_integer ? at::Scalar(static_cast<int64_t>(value)) : at::Scalar(value);
}

inline at::IntArrayRef td_shape(const int64_t* shape, int ndim) {
  return at::IntArrayRef(shape, static_cast<size_t>(ndim));
}

inline at::TensorOptions td_options(int dtype, int device_type, int device_index) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(at::Device(static_cast<c10::DeviceType>(device_type),
                         static_cast<c10::DeviceIndex>(device_index)));
}

inline std::vector<at::Tensor> td_list(TdTensor* tensors, int count) {
  std::vector<at::Tensor> list;
  list.reserve(count);
  for (int i = 0; i < count; ++i) list.push_back(*tensors[i]);
  return list;
}

inline c10::optional<at::Tensor> td_optional(TdTensor t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}
