#!/usr/bin/env bash
# Regenerates kernels/src/test/resources/ggml-reference/quants.txt from ggml's reference quantizers.
# ggml is a measuring stick here, never a dependency: its source comes from the npm package node-llama-cpp
# (a git bundle of llama.cpp), and only ggml-quants.c is compiled, with gcc and without -march=native.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
. "$here/../llamacpp-source.sh"
commit="$(git -C llama.cpp log -1 --format='%H %cs')"
gcc -O2 -std=c11 -I llama.cpp/ggml/include -I llama.cpp/ggml/src "$here/quants.c" llama.cpp/ggml/src/ggml-quants.c -lm -o quants
out="$root/kernels/src/test/resources/ggml-reference/quants.txt"
{
  echo "# ggml's reference quantizers (quantize_row_*_ref, dequantize_row_*) on the inputs of GgmlReferenceTest."
  echo "# Written by bench/ggml-reference/build.sh: llama.cpp $commit (from node-llama-cpp 3.22.1's bundle), gcc -O2 without FMA."
  echo "# type seed bytes crc32(dequantized floats, little-endian) quantized bytes (hex)"
  ./quants
} > "$out"
echo "wrote $out"
