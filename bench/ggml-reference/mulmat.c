// ggml's own GEMV as the speed anchor of `nanomind bench kernels --reference DIR`: y = W x for a W of TYPE
// (q4_0, q8_0, q4_k, q2_k, f16) with ROWS x COLS random quantized weights and an F32 x, computed by
// ggml_mul_mat on the CPU backend with THREADS threads, REPS times after one warm-up; prints the median
// seconds of one product. ggml quantizes x to its dot-product type (q8_0 for q4_0 and q8_0, q8_K for the
// K-quants) inside each product, as llama.cpp's decode does. Built by build-harness.sh against libggml.
#include "ggml.h"
#include "ggml-cpu.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void * a, const void * b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

int main(int argc, char ** argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s TYPE ROWS COLS THREADS REPS\n", argv[0]);
        return 2;
    }
    enum ggml_type type;
    if (!strcmp(argv[1], "q4_0")) type = GGML_TYPE_Q4_0;
    else if (!strcmp(argv[1], "q8_0")) type = GGML_TYPE_Q8_0;
    else if (!strcmp(argv[1], "q4_k")) type = GGML_TYPE_Q4_K;
    else if (!strcmp(argv[1], "q2_k")) type = GGML_TYPE_Q2_K;
    else if (!strcmp(argv[1], "f16")) type = GGML_TYPE_F16;
    else { fprintf(stderr, "unknown type %s\n", argv[1]); return 2; }
    const int64_t rows = atoll(argv[2]), cols = atoll(argv[3]);
    const int threads = atoi(argv[4]), reps = atoi(argv[5]);
    const size_t wbytes = ggml_row_size(type, cols) * rows;
    struct ggml_init_params ip = { wbytes + (size_t) (cols + rows) * 8 + 64 * 1024 * 1024, NULL, false };
    struct ggml_context * ctx = ggml_init(ip);
    struct ggml_tensor * w = ggml_new_tensor_2d(ctx, type, cols, rows);
    struct ggml_tensor * x = ggml_new_tensor_1d(ctx, GGML_TYPE_F32, cols);
    // Random weights: a row of Gaussian-ish floats quantized by ggml, repeated with a shifted start.
    float * row = malloc(sizeof(float) * (cols + 97));
    unsigned s = 42;
    for (int64_t i = 0; i < cols + 97; i++) {
        s = s * 1664525u + 1013904223u;
        row[i] = ((int) (s >> 9) % 2001 - 1000) / 1000.0f;
    }
    const size_t row_bytes = ggml_row_size(type, cols);
    for (int64_t r = 0; r < rows; r++) {
        ggml_quantize_chunk(type, row + (r % 97), (char *) w->data + r * row_bytes, 0, 1, cols, NULL);
    }
    memcpy(x->data, row, sizeof(float) * cols);
    struct ggml_tensor * y = ggml_mul_mat(ctx, w, x);
    struct ggml_cgraph * g = ggml_new_graph(ctx);
    ggml_build_forward_expand(g, y);
    ggml_graph_compute_with_ctx(ctx, g, threads);
    double * t = malloc(sizeof(double) * reps);
    for (int i = 0; i < reps; i++) {
        double t0 = now();
        ggml_graph_compute_with_ctx(ctx, g, threads);
        t[i] = now() - t0;
    }
    qsort(t, reps, sizeof(double), cmp);
    printf("%.9f %zu %f\n", t[reps / 2], wbytes, ((float *) y->data)[0]);
    ggml_free(ctx);
    return 0;
}
