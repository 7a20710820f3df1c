// optim.cpp — libtorch's optimisers, gradient clipping, and tensor archives on disk.
#include "td.h"

#include <torch/optim.h>
#include <torch/serialize.h>

// ---- optimisers ------------------------------------------------------------------------------
TD_EXPORT torch::optim::Optimizer* td_adamw_new(TdTensor* params, int n, double lr, double beta1, double beta2,
                                                double eps, double weight_decay, int amsgrad) {
  TD_TRY(return new torch::optim::AdamW(td_list(params, n), torch::optim::AdamWOptions(lr)
                                                                .betas({beta1, beta2})
                                                                .eps(eps)
                                                                .weight_decay(weight_decay)
                                                                .amsgrad(amsgrad != 0));)
  return nullptr;
}
TD_EXPORT torch::optim::Optimizer* td_adam_new(TdTensor* params, int n, double lr, double beta1, double beta2,
                                               double eps, double weight_decay, int amsgrad) {
  TD_TRY(return new torch::optim::Adam(td_list(params, n), torch::optim::AdamOptions(lr)
                                                              .betas({beta1, beta2})
                                                              .eps(eps)
                                                              .weight_decay(weight_decay)
                                                              .amsgrad(amsgrad != 0));)
  return nullptr;
}
TD_EXPORT torch::optim::Optimizer* td_adagrad_new(TdTensor* params, int n, double lr, double lr_decay,
                                                  double weight_decay, double initial_accumulator, double eps) {
  TD_TRY(return new torch::optim::Adagrad(td_list(params, n), torch::optim::AdagradOptions(lr)
                                                                 .lr_decay(lr_decay)
                                                                 .weight_decay(weight_decay)
                                                                 .initial_accumulator_value(initial_accumulator)
                                                                 .eps(eps));)
  return nullptr;
}
TD_EXPORT void td_optim_free(torch::optim::Optimizer* o) { delete o; }
TD_EXPORT int td_optim_step(torch::optim::Optimizer* o) { TD_RETURN_STATUS(o->step()) }
TD_EXPORT int td_optim_zero_grad(torch::optim::Optimizer* o) {
  TD_RETURN_STATUS({
    for (auto& group : o->param_groups())
      for (auto& p : group.params()) p.mutable_grad().reset();  // set_to_none: no memset, no memory kept
  })
}
TD_EXPORT int td_optim_set_lr(torch::optim::Optimizer* o, double lr) {
  TD_RETURN_STATUS(for (auto& group : o->param_groups()) group.options().set_lr(lr);)
}
TD_EXPORT int td_optim_save(torch::optim::Optimizer* o, const char* path) { TD_RETURN_STATUS(torch::save(*o, path)) }
// The state's tensors are mapped onto the device of the optimiser's parameters, so a state saved on a GPU
// resumes on a CPU (and the reverse), as torch.load(map_location=...) does.
TD_EXPORT int td_optim_load(torch::optim::Optimizer* o, const char* path) {
  TD_RETURN_STATUS({
    c10::optional<torch::Device> device;
    for (auto& group : o->param_groups())
      if (!group.params().empty()) { device = group.params()[0].device(); break; }
    torch::load(*o, path, device);
  })
}

// Gradient clipping by global norm: ‖g‖ = (Σ_p ‖g_p‖^q)^(1/q); if ‖g‖ > max_norm every g_p is
// scaled by max_norm / (‖g‖ + 1e-6). Returns ‖g‖ before clipping (as torch.nn.utils.clip_grad_norm_).
TD_EXPORT int td_clip_grad_norm(TdTensor* params, int n, double max_norm, double norm_type, double* total) {
  TD_RETURN_STATUS({
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> norms;
    for (int i = 0; i < n; ++i)
      if (params[i]->grad().defined()) norms.push_back(at::norm(params[i]->grad(), norm_type));
    if (norms.empty()) {
      *total = 0;
    } else {
      at::Tensor total_norm = std::isinf(norm_type) ? at::stack(norms).max() : at::norm(at::stack(norms), norm_type);
      *total = total_norm.item<double>();
      double coef = max_norm / (*total + 1e-6);
      if (coef < 1)
        for (int i = 0; i < n; ++i)
          if (params[i]->grad().defined()) params[i]->mutable_grad().mul_(coef);
    }
  })
}

// ---- tensor archives: a named set of tensors in one file -------------------------------------
TD_EXPORT int td_save_tensors(const char** names, TdTensor* tensors, int n, const char* path) {
  TD_RETURN_STATUS({
    torch::serialize::OutputArchive archive;
    for (int i = 0; i < n; ++i) archive.write(names[i], tensors[i]->detach().to(at::kCPU));
    archive.save_to(path);
  })
}
TD_EXPORT torch::serialize::InputArchive* td_archive_open(const char* path) {
  TD_TRY({
    auto* archive = new torch::serialize::InputArchive();
    try {
      archive->load_from(path);
    } catch (...) {
      delete archive;
      throw;
    }
    return archive;
  })
  return nullptr;
}
TD_EXPORT void td_archive_free(torch::serialize::InputArchive* a) { delete a; }
// Fills `out` with the keys joined by '\n'; returns the length needed (call again if larger than cap).
TD_EXPORT int64_t td_archive_keys(torch::serialize::InputArchive* a, char* out, int64_t cap) {
  TD_TRY({
    std::string joined;
    for (const auto& key : a->keys()) {
      if (!joined.empty()) joined += '\n';
      joined += key;
    }
    if (static_cast<int64_t>(joined.size()) < cap) std::memcpy(out, joined.c_str(), joined.size() + 1);
    return static_cast<int64_t>(joined.size()) + 1;
  })
  return -1;
}
TD_EXPORT TdTensor td_archive_read(torch::serialize::InputArchive* a, const char* key) {
  TD_TRY({
    at::Tensor t;
    a->read(key, t);
    return new at::Tensor(t);
  })
  return nullptr;
}
