#!/usr/bin/env bash
# Counts the instructions of llama.cpp's ARM dot-product loops as compiled for the RK3566's Cortex-A55
# (armv8.2-a+dotprod), the figures behind `dequant_dot` in nanomind-rk3566.yaml: for each function, every loop
# (a backward branch) with its instructions, SIMD/FP instructions, SDOTs and loads. A measuring tool only.
# Needs npm, git, python3 and Debian's cross compilers (apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../llamacpp-source.sh"
src=llama.cpp/ggml/src
flags="-O3 -march=armv8.2-a+dotprod+fp16 -I llama.cpp/ggml/include -I $src -I $src/ggml-cpu"
aarch64-linux-gnu-gcc -std=gnu11 $flags -c $src/ggml-cpu/arch/arm/quants.c -o arm-quants.o
aarch64-linux-gnu-g++ -std=c++17 $flags -c $src/ggml-cpu/arch/arm/repack.cpp -o arm-repack.o
aarch64-linux-gnu-objdump -d --no-show-raw-insn arm-quants.o > arm-quants.s
aarch64-linux-gnu-objdump -d --no-show-raw-insn arm-repack.o > arm-repack.s
echo "# llama.cpp $(git -C llama.cpp log -1 --format='%h %cs'), $(aarch64-linux-gnu-gcc --version | head -n 1)"
python3 "$here/arm-loops.py" arm-quants.s ggml_vec_dot_q8_0_q8_0 ggml_vec_dot_q5_0_q8_0 ggml_vec_dot_q5_1_q8_1 \
  ggml_vec_dot_q2_K_q8_K ggml_vec_dot_q3_K_q8_K
python3 "$here/arm-loops.py" arm-repack.s ggml_gemv_q4_0_4x4_q8_0 ggml_gemv_q8_0_4x4_q8_0 ggml_gemv_q4_K_8x4_q8_K \
  ggml_gemv_q5_K_8x4_q8_K ggml_gemv_q6_K_8x4_q8_K
