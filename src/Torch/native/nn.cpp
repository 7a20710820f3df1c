// nn.cpp — the neural-network functions: layers' forward passes, losses, and attention.
#include "td.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Config.h>
#include <array>
#include <cmath>
#include <mutex>

TD_EXPORT TdTensor td_linear(TdTensor x, TdTensor w, TdTensor b) { TD_RETURN_TENSOR(at::linear(*x, *w, td_optional(b))) }
TD_EXPORT TdTensor td_layer_norm(TdTensor x, const int64_t* shape, int ndim, TdTensor w, TdTensor b, double eps) {
  TD_RETURN_TENSOR(at::layer_norm(*x, td_shape(shape, ndim), td_optional(w), td_optional(b), eps))
}
TD_EXPORT TdTensor td_embedding(TdTensor weight, TdTensor ids, int64_t padding_idx) {
  TD_RETURN_TENSOR(at::embedding(*weight, *ids, padding_idx))
}
TD_EXPORT TdTensor td_softmax(TdTensor x, int64_t dim) { TD_RETURN_TENSOR(at::softmax(*x, dim)) }
TD_EXPORT TdTensor td_log_softmax(TdTensor x, int64_t dim) { TD_RETURN_TENSOR(at::log_softmax(*x, dim)) }
// Dropout: at::dropout, with the mask of a CPU float or double tensor drawn faster and bit for bit the same.
// On the CPU libtorch computes it as noise = bernoulli_(1 − p) / (1 − p), x·noise (Dropout.cpp, _dropout_impl), and
// without MKL bernoulli_(q) draws every element through a serial TensorIterator: u = (random64() & (2⁵³ − 1))·2⁻⁵³ of
// the default generator's mt19937, element = [u < q] (DistributionTemplates.h, DistributionsHelper.h), about 5.5 ns an
// element, which made dropout 40 % of a training forward pass. Here the same mt19937 runs on a copy of the generator's
// state, a block of 624 outputs at a time (the twist and the tempering as plain loops over the state array), and
// [u < q] is the integer test m < ⌈q·2⁵³⌉ on m = random64() & (2⁵³ − 1) (u = m·2⁻⁵³ is exact); the state is put back
// afterwards. Same mask, same generator state after, same autograd graph: DropoutTests compares both with
// libtorch's own bernoulli_. With MKL, or on other devices, libtorch draws otherwise and at::dropout runs as it is.
namespace {
constexpr int kN = at::MERSENNE_STATE_N, kM = at::MERSENNE_STATE_M;

// at::mt19937 (MT19937RNGEngine.h) on a copy of its state, with the outputs of the current state tempered in advance.
class Mt19937Blocks {
 public:
  explicit Mt19937Blocks(const at::mt19937& engine) : d_(engine.data()) { temper(); }

  at::mt19937 engine() const {
    at::mt19937 e;
    e.set_data(d_);
    return e;
  }

  // Outputs left in the current state before the engine twists (operator(): twist when --left reaches 0).
  int available() const { return d_.left_ - 1; }
  const uint32_t* next() const { return tempered_.data() + d_.next_; }
  void skip(int count) { d_.left_ -= count, d_.next_ += count; }

  uint32_t operator()() {   // one output, exactly as at::mt19937::operator()
    if (--d_.left_ == 0) twist();
    return tempered_[d_.next_++];
  }

 private:
  static uint32_t mixed(uint32_t u, uint32_t v) {
    return (((u & at::UMASK) | (v & at::LMASK)) >> 1) ^ (-(v & 1u) & at::MATRIX_A);
  }

  void twist() {   // next_state()
    auto& s = d_.state_;
    for (int j = 0; j < kN - kM; ++j) s[j] = s[j + kM] ^ mixed(s[j], s[j + 1]);
    for (int j = kN - kM; j < kN - 1; ++j) s[j] = s[j + kM - kN] ^ mixed(s[j], s[j + 1]);
    s[kN - 1] = s[kM - 1] ^ mixed(s[kN - 1], s[0]);
    d_.left_ = kN;
    d_.next_ = 0;
    temper();
  }

  void temper() {
    for (int j = 0; j < kN; ++j) {
      uint32_t y = d_.state_[j];
      y ^= (y >> 11);
      y ^= (y << 7) & 0x9d2c5680u;
      y ^= (y << 15) & 0xefc60000u;
      y ^= (y >> 18);
      tempered_[j] = y;
    }
  }

  at::mt19937_data_pod d_;
  std::array<uint32_t, kN> tempered_;
};

// noise ← bernoulli_(q), drawn from the default CPU generator as libtorch draws it.
void bernoulli_fill(at::Tensor& noise, double q) {
  auto* gen = at::check_generator<at::CPUGeneratorImpl>(at::detail::getDefaultCPUGenerator());
  std::lock_guard<std::mutex> lock(gen->mutex_);
  Mt19937Blocks engine(gen->engine());
  const uint64_t threshold = static_cast<uint64_t>(std::ceil(std::ldexp(q, 53)));   // u < q  ⇔  m < ⌈q·2⁵³⌉
  AT_DISPATCH_FLOATING_TYPES(noise.scalar_type(), "td_dropout", [&] {
    scalar_t* out = noise.data_ptr<scalar_t>();
    // m = random64() & (2⁵³ − 1), random64() = first draw << 32 | second draw
    // (as two 32-bit comparisons, m < T ⇔ m_hi < T_hi or (m_hi = T_hi and m_lo < T_lo): half the time of one 64-bit test)
    const uint32_t threshold_hi = static_cast<uint32_t>(threshold >> 32), threshold_lo = static_cast<uint32_t>(threshold);
    auto keep = [threshold_hi, threshold_lo](uint32_t hi, uint32_t lo) {
      const uint32_t m_hi = hi & 0x1fffffu;
      return static_cast<scalar_t>((m_hi < threshold_hi) | ((m_hi == threshold_hi) & (lo < threshold_lo)));
    };
    for (int64_t i = 0, n = noise.numel(); i < n;) {
      if (engine.available() >= 2) {   // whole pairs from the current block
        const int64_t pairs = std::min<int64_t>(engine.available() / 2, n - i);
        const uint32_t* r = engine.next();
        for (int64_t j = 0; j < pairs; ++j) out[i + j] = keep(r[2 * j], r[2 * j + 1]);
        engine.skip(static_cast<int>(2 * pairs));
        i += pairs;
      } else {                         // a pair across a twist
        const uint32_t hi = engine();
        const uint32_t lo = engine();
        out[i++] = keep(hi, lo);
      }
    }
  });
  gen->set_engine(engine.engine());
}

at::Tensor dropout_with_own_mask(const at::Tensor& x, double p, bool train) {
  const bool drawn_here = !AT_MKL_ENABLED() && train && p > 0 && p < 1 && x.numel() > 0 && x.is_cpu()
                          && (x.scalar_type() == at::kFloat || x.scalar_type() == at::kDouble);
  if (!drawn_here) return at::dropout(x, p, train);
  at::Tensor noise = at::empty_like(x, at::MemoryFormat::Contiguous);
  bernoulli_fill(noise, 1 - p);
  noise.div_(1 - p);
  return x * noise;
}
}  // namespace

TD_EXPORT TdTensor td_dropout(TdTensor x, double p, int train) { TD_RETURN_TENSOR(dropout_with_own_mask(*x, p, train != 0)) }

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
    if (dropout_p > 0) weights = dropout_with_own_mask(weights, dropout_p, true);
    return new at::Tensor(at::matmul(weights, *v));
#endif
  })
  return nullptr;
}
