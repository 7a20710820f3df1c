// runtime.cpp — errors, threads, devices, seeds, generators, grad mode, and the BLAS check.
#include "td.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <c10/core/GradMode.h>
#include <link.h>

#include <cstring>
#include <mutex>

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
}  // namespace

void td_set_error(const char* message) {
  last_error = message ? message : "";
  has_error = true;
}

// The message of the last failed export on this thread, or nullptr; reading clears it.
TD_EXPORT const char* td_last_error() {
  if (!has_error) return nullptr;
  has_error = false;
  return last_error.c_str();
}

TD_EXPORT const char* td_version() { return TORCH_VERSION; }

// ---- threads -----------------------------------------------------------------------------
TD_EXPORT int td_set_num_threads(int n) { TD_RETURN_STATUS(at::set_num_threads(n)) }
TD_EXPORT int td_get_num_threads() { return at::get_num_threads(); }
TD_EXPORT int td_set_num_interop_threads(int n) { TD_RETURN_STATUS(at::set_num_interop_threads(n)) }

// ---- devices -----------------------------------------------------------------------------
TD_EXPORT int td_cuda_is_available() { return at::detail::getCUDAHooks().hasCUDA() ? 1 : 0; }
TD_EXPORT int td_cuda_device_count() { return at::detail::getCUDAHooks().getNumGPUs(); }
TD_EXPORT int td_cuda_synchronize(int device_index) {
  TD_RETURN_STATUS(at::detail::getCUDAHooks().deviceSynchronize(static_cast<c10::DeviceIndex>(device_index)))
}

// ---- seeds and generators ------------------------------------------------------------------
TD_EXPORT int td_manual_seed(uint64_t seed) {
  TD_RETURN_STATUS({
    auto cpu = at::detail::getDefaultCPUGenerator();
    {
      std::lock_guard<std::mutex> lock(cpu.mutex());
      cpu.set_current_seed(seed);
    }
    auto& hooks = at::detail::getCUDAHooks();
    if (hooks.hasCUDA()) {
      for (int i = 0; i < hooks.getNumGPUs(); ++i) {
        // Context::defaultGenerator is the device-generic call in libtorch 1.13 and 2.x (the hooks' own
        // getDefaultCUDAGenerator was renamed in 2.x).
        auto gen = at::globalContext().defaultGenerator(c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(i)));
        std::lock_guard<std::mutex> lock(gen.mutex());
        gen.set_current_seed(seed);
      }
    }
  })
}

// A private random stream, so that sampling is reproducible independently of everything else.
TD_EXPORT at::Generator* td_generator_new(uint64_t seed, int device_type, int device_index) {
  TD_TRY({
    at::Generator gen;
    if (static_cast<c10::DeviceType>(device_type) == c10::DeviceType::CUDA) {
      gen = at::globalContext().defaultGenerator(c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(device_index))).clone();
    } else {
      gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    }
    gen.set_current_seed(seed);
    return new at::Generator(gen);
  })
  return nullptr;
}
TD_EXPORT void td_generator_free(at::Generator* gen) { delete gen; }
TD_EXPORT int td_generator_set_seed(at::Generator* gen, uint64_t seed) {
  TD_RETURN_STATUS({
    std::lock_guard<std::mutex> lock(gen->mutex());
    gen->set_current_seed(seed);
  })
}
TD_EXPORT TdTensor td_generator_get_state(at::Generator* gen) { TD_RETURN_TENSOR(gen->get_state()) }
TD_EXPORT int td_generator_set_state(at::Generator* gen, TdTensor state) {
  TD_RETURN_STATUS({
    std::lock_guard<std::mutex> lock(gen->mutex());
    gen->set_state(*state);
  })
}

// ---- autograd mode -------------------------------------------------------------------------
TD_EXPORT int td_set_grad_enabled(int enabled) {
  bool previous = c10::GradMode::is_enabled();
  c10::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}
TD_EXPORT int td_is_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }

// ---- which BLAS serves matmul --------------------------------------------------------------
// libtorch-dev links the generic libblas.so.3; Debian's alternatives decide whether that is the
// reference BLAS (~65x slower) or OpenBLAS. We list the CPU BLAS shared objects actually loaded
// (not cuBLAS, which serves only CUDA tensors). PyTorch's own builds link MKL statically instead:
// then no BLAS object is loaded, and we say MKL when libtorch reports it.
namespace {
int collect_blas(struct dl_phdr_info* info, size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  if (info->dlpi_name && std::strstr(info->dlpi_name, "blas") && !std::strstr(info->dlpi_name, "cublas")) {
    char resolved[4096];
    const char* name = realpath(info->dlpi_name, resolved) ? resolved : info->dlpi_name;
    if (!out->empty()) *out += ";";
    *out += name;
  }
  return 0;
}
thread_local std::string blas_libraries;
}  // namespace

TD_EXPORT const char* td_blas_libraries() {
  blas_libraries.clear();
  dl_iterate_phdr(collect_blas, &blas_libraries);
  if (blas_libraries.empty() && at::globalContext().hasMKL()) blas_libraries = "MKL (linked into libtorch)";
  return blas_libraries.c_str();
}
