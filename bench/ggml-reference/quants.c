// Reference quantizations from ggml's own reference quantizers (ggml-quants.c), for the kernels module's
// byte-for-byte tests: kernels/src/test/resources/ggml-reference/. See README.md beside this file.
// Built without -march=native on purpose: ggml's reference code compiled with FMA contraction rounds
// differently from strict IEEE arithmetic (Java's), and would then not be a reference for it.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ggml.h"
#include "ggml-quants.h"

// ggml-quants.c's only links into the rest of ggml, reached on validation paths these inputs never take.
void ggml_abort(const char * file, int line, const char * fmt, ...) { fprintf(stderr, "abort %s:%d\n", file, line); exit(1); }
size_t ggml_row_size(enum ggml_type type, int64_t ne) { (void) type; (void) ne; abort(); }
const char * ggml_type_name(enum ggml_type type) { (void) type; return "?"; }
size_t ggml_type_size(enum ggml_type type) { (void) type; abort(); }

// The inputs, as the Java test makes them: xorshift32 from a seed; each group of 32 values at its own scale,
// every 11th group all zero, every 97th value an outlier 8x larger.
static void inputs(float * x, int n, uint32_t seed) {
    uint32_t s = seed;
    for (int i = 0; i < n; i++) {
        s ^= s << 13; s ^= s >> 17; s ^= s << 5;
        float u = (float) (s >> 8) * (1.0f / 16777216.0f);
        int group = i / 32;
        float scale = 0.01f * (float) (1 + group % 7);
        float v = (2.0f * u - 1.0f) * scale;
        if (group % 11 == 10) v = 0.0f;
        if (i % 97 == 0) v *= 8.0f;
        x[i] = v;
    }
}

static uint32_t crc32(const uint8_t * p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

typedef void (*quantize_fn)(const float *, void *, int64_t);
typedef void (*dequantize_fn)(const void *, float *, int64_t);

int main(void) {
    enum { N = 4096 };
    static float x[N], y[N];
    static uint8_t q[N * 2];
    struct { const char * name; quantize_fn quantize; dequantize_fn dequantize; size_t bytes; } types[] = {
        {"Q4_0", (quantize_fn) quantize_row_q4_0_ref, (dequantize_fn) dequantize_row_q4_0, N / 32 * 18},
        {"Q8_0", (quantize_fn) quantize_row_q8_0_ref, (dequantize_fn) dequantize_row_q8_0, N / 32 * 34},
        {"Q2_K", (quantize_fn) quantize_row_q2_K_ref, (dequantize_fn) dequantize_row_q2_K, N / 256 * 84},
        {"Q4_K", (quantize_fn) quantize_row_q4_K_ref, (dequantize_fn) dequantize_row_q4_K, N / 256 * 144},
        {"Q5_K", (quantize_fn) quantize_row_q5_K_ref, (dequantize_fn) dequantize_row_q5_K, N / 256 * 176},
        {"Q6_K", (quantize_fn) quantize_row_q6_K_ref, (dequantize_fn) dequantize_row_q6_K, N / 256 * 210},
    };
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        for (uint32_t seed = 1; seed <= 3; seed++) {
            inputs(x, N, seed * 2654435761u);
            memset(q, 0, sizeof q);
            types[t].quantize(x, q, N);
            types[t].dequantize(q, y, N);
            printf("%s %u %zu %08x ", types[t].name, seed, types[t].bytes, crc32((const uint8_t *) y, sizeof y));
            for (size_t i = 0; i < types[t].bytes; i++) printf("%02x", q[i]);
            printf("\n");
        }
    }
    return 0;
}
