// nn.cpp — the neural-network functions: layers' forward passes, losses, and attention.
#include "td.h"

TD_EXPORT TdTensor td_linear(TdTensor x, TdTensor w, TdTensor b) { TD_RETURN_TENSOR(at::linear(*x, *w, td_optional(b))) }
TD_EXPORT TdTensor td_layer_norm(TdTensor x, const int64_t* shape, int ndim, TdTensor w, TdTensor b, double eps) {
  TD_RETURN_TENSOR(at::layer_norm(*x, td_shape(shape, ndim), td_optional(w), td_optional(b), eps))
}
TD_EXPORT TdTensor td_embedding(TdTensor weight, TdTensor ids, int64_t padding_idx) {
  TD_RETURN_TENSOR(at::embedding(*weight, *ids, padding_idx))
}
TD_EXPORT TdTensor td_softmax(TdTensor x, int64_t dim) { TD_RETURN_TENSOR(at::softmax(*x, dim)) }
TD_EXPORT TdTensor td_log_softmax(TdTensor x, int64_t dim) { TD_RETURN_TENSOR(at::log_softmax(*x, dim)) }
TD_EXPORT TdTensor td_dropout(TdTensor x, double p, int train) { TD_RETURN_TENSOR(at::dropout(*x, p, train != 0)) }

// reduction: 0 none, 1 mean, 2 sum (at::Reduction's values)
TD_EXPORT TdTensor td_cross_entropy(TdTensor logits, TdTensor target, TdTensor weight, int reduction,
                                    int64_t ignore_index, double label_smoothing) {
  TD_RETURN_TENSOR(at::cross_entropy_loss(*logits, *target, td_optional(weight), reduction, ignore_index, label_smoothing))
}
TD_EXPORT TdTensor td_nll_loss(TdTensor logp, TdTensor target, int reduction, int64_t ignore_index) {
  TD_RETURN_TENSOR(at::nll_loss_nd(*logp, *target, c10::nullopt, reduction, ignore_index))
}
TD_EXPORT TdTensor td_mse_loss(TdTensor a, TdTensor b, int reduction) { TD_RETURN_TENSOR(at::mse_loss(*a, *b, reduction)) }
TD_EXPORT TdTensor td_bce_with_logits(TdTensor logits, TdTensor target, int reduction) {
  TD_RETURN_TENSOR(at::binary_cross_entropy_with_logits(*logits, *target, c10::nullopt, c10::nullopt, reduction))
}

// Scaled dot-product attention: softmax(q·kᵀ/√d + mask)·v, q,k,v of shape [..., L, d].
// `keep` (optional, bool, broadcastable to [..., Lq, Lk]) is true where attention is allowed.
// Masked scores get the dtype's lowest finite value rather than −∞, so a fully masked row gives a
// uniform distribution instead of NaN. On libtorch ≥ 2 the fused kernel (memory-efficient on CUDA
// with a mask, flash without) is used; it is the same function.
namespace {
// The (query, key) pairs attention may use: `keep`, and the causal triangle when asked; undefined: all.
at::Tensor allowed_pairs(const at::Tensor& q, const at::Tensor& k, TdTensor keep, bool causal) {
  at::Tensor allowed;
  if (causal) allowed = at::ones({q.size(-2), k.size(-2)}, q.options().dtype(at::kBool)).tril();
  if (keep) allowed = allowed.defined() ? allowed.logical_and(*keep) : *keep;
  return allowed;
}
// `t` with the dtype's lowest finite value where `allowed` is false.
at::Tensor fill_lowest(const at::Tensor& t, const at::Tensor& allowed) {
  at::Scalar lowest;
  AT_DISPATCH_FLOATING_TYPES_AND2(at::kHalf, at::kBFloat16, t.scalar_type(), "td_attention",
                                  [&] { lowest = std::numeric_limits<scalar_t>::lowest(); });
  return t.masked_fill(allowed.logical_not(), lowest);
}
}  // namespace

TD_EXPORT TdTensor td_attention(TdTensor q, TdTensor k, TdTensor v, TdTensor keep, double dropout_p, int causal) {
  TD_TRY({
#if TORCH_VERSION_MAJOR >= 2
    // With a boolean mask the fused kernel gives a fully masked row NaN (2.0-2.4) or zeros (2.5+), and it
    // refuses a mask together with is_causal: a mask goes in as an additive one of lowest values, causal included.
    if (!keep) return new at::Tensor(at::scaled_dot_product_attention(*q, *k, *v, c10::nullopt, dropout_p, causal != 0));
    at::Tensor allowed = allowed_pairs(*q, *k, keep, causal != 0);
    at::Tensor bias = fill_lowest(at::zeros(allowed.sizes(), q->options()), allowed);
    return new at::Tensor(at::scaled_dot_product_attention(*q, *k, *v, bias, dropout_p, false));
#else
    const double scale = 1.0 / std::sqrt(static_cast<double>(q->size(-1)));
    at::Tensor scores = at::matmul(*q * scale, k->transpose(-2, -1));
    at::Tensor allowed = allowed_pairs(*q, *k, keep, causal != 0);
    if (allowed.defined()) scores = fill_lowest(scores, allowed);
    at::Tensor weights = at::softmax(scores, -1);
    if (dropout_p > 0) weights = at::dropout(weights, dropout_p, true);
    return new at::Tensor(at::matmul(weights, *v));
#endif
  })
  return nullptr;
}
