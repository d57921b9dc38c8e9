// Fused dequant-GEMM for ggml Q4_0 weights (the paper's W4A16 kernel, section 3.2).
// One work-group per (output row, token). The row's FP16 block scales are first converted into a scale
// table in local memory; then each work-item takes blocks in turn: a 16-byte vector load brings 32
// 4-bit weights, which are unpacked and re-centred in registers and multiplied straight into FMAs with
// the activations. No dequantized weight is ever written anywhere. A tree reduction in local memory
// sums the work-items, and the epilogue adds the bias and applies the activation.
// Build with -DX_HALF for FP16-stored activations (W4A16), without for FP32 (W4A32).

#define QK 32
#define BLOCK_BYTES 18

#ifdef X_HALF
#define XTYPE half
#define LOAD_X16(p) vload_half16(0, (p))
#else
#define XTYPE float
#define LOAD_X16(p) vload16(0, (p))
#endif

float activate(float v, int act) {
    if (act == 1) {
        return v / (1.0f + exp(-v));
    }
    if (act == 2) {
        return 0.5f * v * (1.0f + tanh(0.7978845608028654f * (v + 0.044715f * v * v * v)));
    }
    return v;
}

float sum16(float16 p) {
    float8 a = p.lo + p.hi;
    float4 b = a.lo + a.hi;
    return b.x + b.y + b.z + b.w;
}

__kernel void q4_0_gemm(__global const uchar *w, __global const XTYPE *x, __global float *y,
                        __global const float *bias, const int has_bias, const int act,
                        const int rows, const int cols,
                        __local float *scales, __local float *partial) {
    const int row = get_group_id(0);
    const int token = get_global_id(1);
    const int lid = get_local_id(0);
    const int lsize = get_local_size(0);
    const int nb = cols / QK;
    __global const uchar *wr = w + (size_t) row * nb * BLOCK_BYTES;

    for (int b = lid; b < nb; b += lsize) {
        scales[b] = vload_half(0, (__global const half *) (wr + (size_t) b * BLOCK_BYTES));
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    __global const XTYPE *xt = x + (size_t) token * cols;
    float acc = 0.0f;
    for (int b = lid; b < nb; b += lsize) {
        const uchar16 q = vload16(0, wr + (size_t) b * BLOCK_BYTES + 2);
        const float16 lo = convert_float16(q & (uchar16) 0x0F) - 8.0f;
        const float16 hi = convert_float16(q >> (uchar16) 4) - 8.0f;
        const float16 p = fma(lo, LOAD_X16(xt + b * QK), hi * LOAD_X16(xt + b * QK + 16));
        acc = fma(sum16(p), scales[b], acc);
    }
    partial[lid] = acc;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int stride = lsize / 2; stride > 0; stride >>= 1) {
        if (lid < stride) {
            partial[lid] += partial[lid + stride];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        const float v = partial[0] + (has_bias ? bias[row] : 0.0f);
        y[(size_t) token * rows + row] = activate(v, act);
    }
}
