// Streaming linear attention (the paper's replacement for quadratic attention, section 3.2).
// Per head h: running sums S[h] = sum phi(k) v^T (keyDim x valueDim) and z[h] = sum phi(k), with
// phi(x) = elu(x) + 1. A token updates them and reads out phi(q)^T S / phi(q).z in one pass.
// linear_attention_out runs one work-item per (value column j, head h): it adds phi(k) v_j to column j
// of S and reads the output; it uses z + phi(k) without writing z, so that linear_attention_z, queued
// after it on the same in-order queue, can update z without a race.

float phi(float x) {
    return x > 0.0f ? x + 1.0f : exp(x);
}

__kernel void linear_attention_out(__global float *s, __global const float *z, __global const float *q,
                                   __global const float *k, __global const float *v, __global float *out,
                                   const int key_dim, const int value_dim) {
    const int j = get_global_id(0);
    const int h = get_global_id(1);
    if (j >= value_dim) {
        return;
    }
    __global float *sh = s + (size_t) h * key_dim * value_dim;
    const float vj = v[h * value_dim + j];
    float num = 0.0f;
    float norm = 0.0f;
    for (int i = 0; i < key_dim; i++) {
        const float pk = phi(k[h * key_dim + i]);
        const float pq = phi(q[h * key_dim + i]);
        const float sij = fma(pk, vj, sh[i * value_dim + j]);
        sh[i * value_dim + j] = sij;
        num = fma(pq, sij, num);
        norm = fma(pq, z[h * key_dim + i] + pk, norm);
    }
    out[h * value_dim + j] = num / norm;
}

__kernel void linear_attention_z(__global float *z, __global const float *k, const int key_dim) {
    const int i = get_global_id(0);
    const int h = get_global_id(1);
    if (i < key_dim) {
        z[h * key_dim + i] += phi(k[h * key_dim + i]);
    }
}
