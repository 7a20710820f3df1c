// tensor.cpp — creating tensors, reading them back, autograd, and the tensor operations.
#include "td.h"

#include <sstream>

// ---- lifetime and metadata -------------------------------------------------------------------
TD_EXPORT void td_free(TdTensor t) { delete t; }
TD_EXPORT int td_dim(TdTensor t) { return static_cast<int>(t->dim()); }
TD_EXPORT int td_shape(TdTensor t, int64_t* out) {
  TD_RETURN_STATUS({
    auto sizes = t->sizes();
    std::copy(sizes.begin(), sizes.end(), out);
  })
}
TD_EXPORT int64_t td_numel(TdTensor t) { return t->numel(); }
TD_EXPORT int td_dtype(TdTensor t) { return static_cast<int>(t->scalar_type()); }
TD_EXPORT int td_device_type(TdTensor t) { return static_cast<int>(t->device().type()); }
TD_EXPORT int td_device_index(TdTensor t) { return t->device().index(); }
TD_EXPORT int td_defined(TdTensor t) { return t->defined() ? 1 : 0; }
TD_EXPORT const char* td_to_string(TdTensor t) {
  thread_local std::string text;
  TD_TRY({
    std::ostringstream s;
    s << *t;
    text = s.str();
    return text.c_str();
  })
  return nullptr;
}

// ---- creation --------------------------------------------------------------------------------
// Copies `data` (host memory, dtype given) into a new tensor on the requested device.
TD_EXPORT TdTensor td_from_data(const void* data, const int64_t* shape, int ndim, int dtype,
                                int device_type, int device_index) {
  TD_RETURN_TENSOR(at::from_blob(const_cast<void*>(data), td_shape(shape, ndim),
                                 at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)))
                       .to(td_options(dtype, device_type, device_index), false, true))
}
TD_EXPORT TdTensor td_empty(const int64_t* shape, int ndim, int dtype, int dt, int di) {
  TD_RETURN_TENSOR(at::empty(td_shape(shape, ndim), td_options(dtype, dt, di)))
}
TD_EXPORT TdTensor td_zeros(const int64_t* shape, int ndim, int dtype, int dt, int di) {
  TD_RETURN_TENSOR(at::zeros(td_shape(shape, ndim), td_options(dtype, dt, di)))
}
TD_EXPORT TdTensor td_ones(const int64_t* shape, int ndim, int dtype, int dt, int di) {
  TD_RETURN_TENSOR(at::ones(td_shape(shape, ndim), td_options(dtype, dt, di)))
}
TD_EXPORT TdTensor td_full(const int64_t* shape, int ndim, double value, int is_int, int dtype, int dt,
                           int di) {
  TD_RETURN_TENSOR(at::full(td_shape(shape, ndim), td_scalar(value, is_int), td_options(dtype, dt, di)))
}
TD_EXPORT TdTensor td_arange(double start, double end, double step, int dtype, int dt, int di) {
  TD_RETURN_TENSOR(at::arange(start, end, step, td_options(dtype, dt, di)))
}
TD_EXPORT TdTensor td_linspace(double start, double end, int64_t steps, int dtype, int dt, int di) {
  TD_RETURN_TENSOR(at::linspace(start, end, steps, td_options(dtype, dt, di)))
}

// ---- random (an optional private generator; nullptr means the global one) -------------------
static c10::optional<at::Generator> gen_of(at::Generator* g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}
TD_EXPORT TdTensor td_randn(const int64_t* shape, int ndim, int dtype, int dt, int di, at::Generator* g) {
  TD_RETURN_TENSOR(at::randn(td_shape(shape, ndim), gen_of(g), td_options(dtype, dt, di)))
}
TD_EXPORT TdTensor td_rand(const int64_t* shape, int ndim, int dtype, int dt, int di, at::Generator* g) {
  TD_RETURN_TENSOR(at::rand(td_shape(shape, ndim), gen_of(g), td_options(dtype, dt, di)))
}
TD_EXPORT TdTensor td_randint(int64_t low, int64_t high, const int64_t* shape, int ndim, int dt, int di,
                              at::Generator* g) {
  TD_RETURN_TENSOR(at::randint(low, high, td_shape(shape, ndim), gen_of(g), td_options(static_cast<int>(at::kLong), dt, di)))
}
TD_EXPORT TdTensor td_randperm(int64_t n, int dt, int di, at::Generator* g) {
  TD_RETURN_TENSOR(at::randperm(n, gen_of(g), td_options(static_cast<int>(at::kLong), dt, di)))
}
TD_EXPORT TdTensor td_bernoulli(TdTensor p, at::Generator* g) { TD_RETURN_TENSOR(at::bernoulli(*p, gen_of(g))) }
TD_EXPORT int td_bernoulli_scalar_(TdTensor t, double p, at::Generator* g) { TD_RETURN_STATUS(t->bernoulli_(p, gen_of(g))) }
TD_EXPORT TdTensor td_multinomial(TdTensor probs, int64_t n, int replacement, at::Generator* g) {
  TD_RETURN_TENSOR(at::multinomial(*probs, n, replacement != 0, gen_of(g)))
}
TD_EXPORT int td_uniform_(TdTensor t, double low, double high, at::Generator* g) {
  TD_RETURN_STATUS(t->uniform_(low, high, gen_of(g)))
}
TD_EXPORT int td_normal_(TdTensor t, double mean, double std, at::Generator* g) {
  TD_RETURN_STATUS(t->normal_(mean, std, gen_of(g)))
}

// ---- reading values back -----------------------------------------------------------------------
// Copies the tensor's elements (any device, any layout) into `out`, which holds `nbytes` bytes.
TD_EXPORT int td_copy_to(TdTensor t, void* out, int64_t nbytes) {
  TD_RETURN_STATUS({
    auto host = t->detach().to(at::kCPU).contiguous();
    int64_t size = host.numel() * static_cast<int64_t>(host.element_size());
    TORCH_CHECK(size == nbytes, "td_copy_to: buffer holds ", nbytes, " bytes, tensor needs ", size);
    std::memcpy(out, host.data_ptr(), size);
  })
}
TD_EXPORT int td_item(TdTensor t, double* out) {
  TD_RETURN_STATUS(*out = t->item().toDouble())
}
TD_EXPORT int td_item_long(TdTensor t, int64_t* out) {
  TD_RETURN_STATUS(*out = t->item().toLong())
}

// ---- conversion and copies ------------------------------------------------------------------
TD_EXPORT TdTensor td_to(TdTensor t, int dtype, int dt, int di, int copy) {
  TD_RETURN_TENSOR(t->to(td_options(dtype, dt, di), false, copy != 0))
}
TD_EXPORT TdTensor td_clone(TdTensor t) { TD_RETURN_TENSOR(t->clone()) }
TD_EXPORT TdTensor td_contiguous(TdTensor t) { TD_RETURN_TENSOR(t->contiguous()) }
TD_EXPORT TdTensor td_alias(TdTensor t) { TD_RETURN_TENSOR(*t) }
TD_EXPORT int td_copy_(TdTensor dst, TdTensor src) { TD_RETURN_STATUS(dst->copy_(*src)) }
TD_EXPORT int td_set_data(TdTensor t, TdTensor data) { TD_RETURN_STATUS(t->set_data(*data)) }

// ---- autograd --------------------------------------------------------------------------------
TD_EXPORT int td_requires_grad(TdTensor t) { return t->requires_grad() ? 1 : 0; }
TD_EXPORT int td_set_requires_grad(TdTensor t, int value) { TD_RETURN_STATUS(t->requires_grad_(value != 0)) }
TD_EXPORT TdTensor td_detach(TdTensor t) { TD_RETURN_TENSOR(t->detach()) }
// The accumulated gradient, or nullptr with no error when there is none.
TD_EXPORT TdTensor td_grad(TdTensor t) {
  TD_TRY({
    const at::Tensor& g = t->grad();
    return g.defined() ? new at::Tensor(g) : nullptr;
  })
  return nullptr;
}
TD_EXPORT int td_clear_grad(TdTensor t) { TD_RETURN_STATUS(t->mutable_grad().reset()) }
TD_EXPORT int td_backward(TdTensor t, TdTensor grad, int retain_graph) {
  TD_RETURN_STATUS(t->backward(grad ? *grad : at::Tensor(), retain_graph != 0))
}

// ---- elementwise: unary ------------------------------------------------------------------------
#define TD_UNARY(name, expr) \
  TD_EXPORT TdTensor td_##name(TdTensor a) { TD_RETURN_TENSOR(expr) }
TD_UNARY(neg, at::neg(*a))
TD_UNARY(exp, at::exp(*a))
TD_UNARY(log, at::log(*a))
TD_UNARY(log1p, at::log1p(*a))
TD_UNARY(expm1, at::expm1(*a))
TD_UNARY(sqrt, at::sqrt(*a))
TD_UNARY(rsqrt, at::rsqrt(*a))
TD_UNARY(abs, at::abs(*a))
TD_UNARY(sign, at::sign(*a))
TD_UNARY(sin, at::sin(*a))
TD_UNARY(cos, at::cos(*a))
TD_UNARY(tanh, at::tanh(*a))
TD_UNARY(sigmoid, at::sigmoid(*a))
TD_UNARY(logsigmoid, at::log_sigmoid(*a))
TD_UNARY(softplus, at::softplus(*a))
TD_UNARY(relu, at::relu(*a))
TD_UNARY(silu, at::silu(*a))
TD_UNARY(gelu, at::gelu(*a))
TD_UNARY(gelu_tanh, at::gelu(*a, "tanh"))
TD_UNARY(erf, at::erf(*a))
TD_UNARY(round, at::round(*a))
TD_UNARY(floor, at::floor(*a))
TD_UNARY(ceil, at::ceil(*a))
TD_UNARY(logical_not, at::logical_not(*a))
TD_UNARY(isnan, at::isnan(*a))
#undef TD_UNARY

// ---- elementwise: binary ---------------------------------------------------------------------
#define TD_BINARY(name, expr) \
  TD_EXPORT TdTensor td_##name(TdTensor a, TdTensor b) { TD_RETURN_TENSOR(expr) }
TD_BINARY(mul, at::mul(*a, *b))
TD_BINARY(div, at::div(*a, *b))
TD_BINARY(pow_tensor, at::pow(*a, *b))
TD_BINARY(maximum, at::maximum(*a, *b))
TD_BINARY(minimum, at::minimum(*a, *b))
TD_BINARY(eq, at::eq(*a, *b))
TD_BINARY(ne, at::ne(*a, *b))
TD_BINARY(lt, at::lt(*a, *b))
TD_BINARY(le, at::le(*a, *b))
TD_BINARY(gt, at::gt(*a, *b))
TD_BINARY(ge, at::ge(*a, *b))
TD_BINARY(logical_and, at::logical_and(*a, *b))
TD_BINARY(logical_or, at::logical_or(*a, *b))
TD_BINARY(matmul, at::matmul(*a, *b))
TD_BINARY(bmm, at::bmm(*a, *b))
#undef TD_BINARY
// libtorch rejects a floating alpha when the result is integral (long + long): pass a whole alpha as an integer.
static at::Scalar td_alpha(const at::Tensor& a, const at::Tensor& b, double alpha) {
  bool integral = c10::isIntegralType(at::result_type(a, b), /*includeBool=*/true);
  return td_scalar(alpha, integral && alpha == std::floor(alpha) ? 1 : 0);
}

TD_EXPORT TdTensor td_add(TdTensor a, TdTensor b, double alpha) { TD_RETURN_TENSOR(at::add(*a, *b, td_alpha(*a, *b, alpha))) }
TD_EXPORT TdTensor td_sub(TdTensor a, TdTensor b, double alpha) { TD_RETURN_TENSOR(at::sub(*a, *b, td_alpha(*a, *b, alpha))) }

// tensor ∘ scalar
#define TD_SCALAR_OP(name, expr) \
  TD_EXPORT TdTensor td_##name(TdTensor a, double v, int is_int) { auto s = td_scalar(v, is_int); TD_RETURN_TENSOR(expr) }
TD_SCALAR_OP(add_scalar, at::add(*a, s))
TD_SCALAR_OP(sub_scalar, at::sub(*a, s))
TD_SCALAR_OP(rsub_scalar, at::rsub(*a, s))
TD_SCALAR_OP(mul_scalar, at::mul(*a, s))
TD_SCALAR_OP(div_scalar, at::div(*a, s))
TD_SCALAR_OP(pow_scalar, at::pow(*a, s))
TD_SCALAR_OP(eq_scalar, at::eq(*a, s))
TD_SCALAR_OP(ne_scalar, at::ne(*a, s))
TD_SCALAR_OP(lt_scalar, at::lt(*a, s))
TD_SCALAR_OP(le_scalar, at::le(*a, s))
TD_SCALAR_OP(gt_scalar, at::gt(*a, s))
TD_SCALAR_OP(ge_scalar, at::ge(*a, s))
TD_SCALAR_OP(remainder_scalar, at::remainder(*a, s))
#undef TD_SCALAR_OP

TD_EXPORT TdTensor td_clamp(TdTensor a, double min, double max, int has_min, int has_max) {
  TD_RETURN_TENSOR(at::clamp(*a, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                             has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}
TD_EXPORT TdTensor td_where(TdTensor cond, TdTensor a, TdTensor b) { TD_RETURN_TENSOR(at::where(*cond, *a, *b)) }
TD_EXPORT TdTensor td_masked_fill(TdTensor a, TdTensor mask, double v, int is_int) {
  TD_RETURN_TENSOR(at::masked_fill(*a, *mask, td_scalar(v, is_int)))
}

// ---- in place (no autograd history is wanted on these; used by optimisers, EMA, init) --------
TD_EXPORT int td_add_(TdTensor a, TdTensor b, double alpha) { TD_RETURN_STATUS(a->add_(*b, td_alpha(*a, *b, alpha))) }
TD_EXPORT int td_mul_scalar_(TdTensor a, double v) { TD_RETURN_STATUS(a->mul_(v)) }
TD_EXPORT int td_fill_(TdTensor a, double v, int is_int) { TD_RETURN_STATUS(a->fill_(td_scalar(v, is_int))) }
TD_EXPORT int td_zero_(TdTensor a) { TD_RETURN_STATUS(a->zero_()) }
TD_EXPORT int td_masked_fill_(TdTensor a, TdTensor mask, double v, int is_int) {
  TD_RETURN_STATUS(a->masked_fill_(*mask, td_scalar(v, is_int)))
}
// lerp_: a ← a + w·(b − a), the exponential moving average in one kernel.
TD_EXPORT int td_lerp_(TdTensor a, TdTensor b, double w) { TD_RETURN_STATUS(a->lerp_(*b, w)) }

// ---- reductions ------------------------------------------------------------------------------
TD_EXPORT TdTensor td_sum(TdTensor a, const int64_t* dims, int ndims, int keepdim) {
  TD_RETURN_TENSOR(ndims == 0 ? a->sum() : a->sum(td_shape(dims, ndims), keepdim != 0))
}
TD_EXPORT TdTensor td_mean(TdTensor a, const int64_t* dims, int ndims, int keepdim) {
  TD_RETURN_TENSOR(ndims == 0 ? a->mean() : a->mean(td_shape(dims, ndims), keepdim != 0))
}
TD_EXPORT TdTensor td_var(TdTensor a, const int64_t* dims, int ndims, int unbiased, int keepdim) {
  TD_RETURN_TENSOR(ndims == 0 ? a->var(unbiased != 0) : a->var(td_shape(dims, ndims), unbiased != 0, keepdim != 0))
}
TD_EXPORT TdTensor td_amax(TdTensor a, const int64_t* dims, int ndims, int keepdim) {
  TD_RETURN_TENSOR(at::amax(*a, td_shape(dims, ndims), keepdim != 0))
}
TD_EXPORT TdTensor td_amin(TdTensor a, const int64_t* dims, int ndims, int keepdim) {
  TD_RETURN_TENSOR(at::amin(*a, td_shape(dims, ndims), keepdim != 0))
}
TD_EXPORT TdTensor td_logsumexp(TdTensor a, int64_t dim, int keepdim) {
  TD_RETURN_TENSOR(at::logsumexp(*a, {dim}, keepdim != 0))
}
TD_EXPORT TdTensor td_norm(TdTensor a, double p, const int64_t* dims, int ndims, int keepdim) {
  TD_RETURN_TENSOR(ndims == 0 ? at::norm(*a, p) : at::norm(*a, p, td_shape(dims, ndims), keepdim != 0))
}
TD_EXPORT TdTensor td_argmax(TdTensor a, int64_t dim, int keepdim) { TD_RETURN_TENSOR(at::argmax(*a, dim, keepdim != 0)) }
TD_EXPORT TdTensor td_argmin(TdTensor a, int64_t dim, int keepdim) { TD_RETURN_TENSOR(at::argmin(*a, dim, keepdim != 0)) }
TD_EXPORT TdTensor td_cumsum(TdTensor a, int64_t dim) { TD_RETURN_TENSOR(at::cumsum(*a, dim)) }
TD_EXPORT TdTensor td_all(TdTensor a) { TD_RETURN_TENSOR(at::all(*a)) }
TD_EXPORT TdTensor td_any(TdTensor a) { TD_RETURN_TENSOR(at::any(*a)) }
TD_EXPORT int td_max_dim(TdTensor a, int64_t dim, int keepdim, TdTensor* values, TdTensor* indices) {
  TD_RETURN_STATUS({
    auto r = at::max(*a, dim, keepdim != 0);
    *values = new at::Tensor(std::get<0>(r));
    *indices = new at::Tensor(std::get<1>(r));
  })
}
TD_EXPORT int td_topk(TdTensor a, int64_t k, int64_t dim, int largest, int sorted, TdTensor* values,
                      TdTensor* indices) {
  TD_RETURN_STATUS({
    auto r = at::topk(*a, k, dim, largest != 0, sorted != 0);
    *values = new at::Tensor(std::get<0>(r));
    *indices = new at::Tensor(std::get<1>(r));
  })
}
TD_EXPORT int td_sort(TdTensor a, int64_t dim, int descending, TdTensor* values, TdTensor* indices) {
  TD_RETURN_STATUS({
    auto r = at::sort(*a, dim, descending != 0);
    *values = new at::Tensor(std::get<0>(r));
    *indices = new at::Tensor(std::get<1>(r));
  })
}

// ---- shape and indexing ------------------------------------------------------------------------
TD_EXPORT TdTensor td_reshape(TdTensor a, const int64_t* shape, int ndim) { TD_RETURN_TENSOR(a->reshape(td_shape(shape, ndim))) }
TD_EXPORT TdTensor td_view(TdTensor a, const int64_t* shape, int ndim) { TD_RETURN_TENSOR(a->view(td_shape(shape, ndim))) }
TD_EXPORT TdTensor td_expand(TdTensor a, const int64_t* shape, int ndim) { TD_RETURN_TENSOR(a->expand(td_shape(shape, ndim))) }
TD_EXPORT TdTensor td_repeat(TdTensor a, const int64_t* reps, int ndim) { TD_RETURN_TENSOR(a->repeat(td_shape(reps, ndim))) }
TD_EXPORT TdTensor td_permute(TdTensor a, const int64_t* dims, int ndim) { TD_RETURN_TENSOR(a->permute(td_shape(dims, ndim))) }
TD_EXPORT TdTensor td_transpose(TdTensor a, int64_t d0, int64_t d1) { TD_RETURN_TENSOR(a->transpose(d0, d1)) }
TD_EXPORT TdTensor td_unsqueeze(TdTensor a, int64_t dim) { TD_RETURN_TENSOR(a->unsqueeze(dim)) }
TD_EXPORT TdTensor td_squeeze(TdTensor a, int64_t dim) { TD_RETURN_TENSOR(a->squeeze(dim)) }
TD_EXPORT TdTensor td_flatten(TdTensor a, int64_t start, int64_t end) { TD_RETURN_TENSOR(a->flatten(start, end)) }
TD_EXPORT TdTensor td_slice(TdTensor a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  TD_RETURN_TENSOR(a->slice(dim, start, end, step))
}
TD_EXPORT TdTensor td_select(TdTensor a, int64_t dim, int64_t index) { TD_RETURN_TENSOR(a->select(dim, index)) }
TD_EXPORT TdTensor td_index_select(TdTensor a, int64_t dim, TdTensor index) { TD_RETURN_TENSOR(a->index_select(dim, *index)) }
TD_EXPORT TdTensor td_masked_select(TdTensor a, TdTensor mask) { TD_RETURN_TENSOR(at::masked_select(*a, *mask)) }
TD_EXPORT TdTensor td_gather(TdTensor a, int64_t dim, TdTensor index) { TD_RETURN_TENSOR(at::gather(*a, dim, *index)) }
TD_EXPORT TdTensor td_scatter(TdTensor a, int64_t dim, TdTensor index, TdTensor src) {
  TD_RETURN_TENSOR(at::scatter(*a, dim, *index, *src))
}
TD_EXPORT TdTensor td_scatter_add(TdTensor a, int64_t dim, TdTensor index, TdTensor src) {
  TD_RETURN_TENSOR(at::scatter_add(*a, dim, *index, *src))
}
// a[index] = values along dim 0-style advanced indexing with one index tensor (bool or long).
TD_EXPORT TdTensor td_index(TdTensor a, TdTensor index) { TD_RETURN_TENSOR(a->index({*index})) }
TD_EXPORT int td_index_put_(TdTensor a, TdTensor index, TdTensor values) {
  TD_RETURN_STATUS(a->index_put_({*index}, *values))
}
TD_EXPORT TdTensor td_cat(TdTensor* list, int n, int64_t dim) { TD_RETURN_TENSOR(at::cat(td_list(list, n), dim)) }
TD_EXPORT TdTensor td_stack(TdTensor* list, int n, int64_t dim) { TD_RETURN_TENSOR(at::stack(td_list(list, n), dim)) }
// Writes the pieces into `out` (capacity `cap`); returns how many, or -1 on error.
TD_EXPORT int td_split(TdTensor a, int64_t size, int64_t dim, TdTensor* out, int cap) {
  TD_TRY({
    auto parts = a->split(size, dim);
    TORCH_CHECK(static_cast<int>(parts.size()) <= cap, "td_split: ", parts.size(), " pieces, room for ", cap);
    for (size_t i = 0; i < parts.size(); ++i) out[i] = new at::Tensor(parts[i]);
    return static_cast<int>(parts.size());
  })
  return -1;
}
TD_EXPORT TdTensor td_tril(TdTensor a, int64_t diagonal) { TD_RETURN_TENSOR(at::tril(*a, diagonal)) }
TD_EXPORT TdTensor td_triu(TdTensor a, int64_t diagonal) { TD_RETURN_TENSOR(at::triu(*a, diagonal)) }
TD_EXPORT TdTensor td_flip(TdTensor a, const int64_t* dims, int ndim) { TD_RETURN_TENSOR(at::flip(*a, td_shape(dims, ndim))) }
TD_EXPORT TdTensor td_one_hot(TdTensor a, int64_t classes) { TD_RETURN_TENSOR(at::one_hot(*a, classes)) }
TD_EXPORT TdTensor td_outer(TdTensor a, TdTensor b) { TD_RETURN_TENSOR(at::outer(*a, *b)) }
TD_EXPORT TdTensor td_cdist(TdTensor a, TdTensor b) { TD_RETURN_TENSOR(at::cdist(*a, *b)) }
