#!/usr/bin/env bash
# Builds the reference harnesses into DIR: ggml's GEMV (mulmat.c, for `nanomind bench kernels --reference DIR`)
# and llama.cpp's greedy decode (bench/llamacpp-load/greedy.cpp, for `nanomind bench functional --reference DIR`),
# against libggml and libllama from the git bundle in the npm package node-llama-cpp (cmake, g++,
# -DGGML_NATIVE=ON: ggml at its best on this machine). A measuring tool only; WORK=dir reuses a download and
# build (shared with bench/llamacpp-load).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:?usage: build-harness.sh DIR}" && cd "$1" && pwd)"
. "$here/../llamacpp-source.sh"
llamacpp_build llama
gcc -O2 -I llama.cpp/ggml/include "$here/mulmat.c" -L "$lib" -lggml -lggml-base -lggml-cpu -Wl,-rpath,"$lib" -o "$out/mulmat"
g++ -O2 -std=c++17 -I llama.cpp/include -I llama.cpp/ggml/include "$here/../llamacpp-load/greedy.cpp" -L "$lib" -lllama -lggml \
  -lggml-base -Wl,-rpath,"$lib" -o "$out/greedy"
echo "wrote $out/mulmat and $out/greedy (llama.cpp $(git -C llama.cpp log -1 --format='%h %cs'))"
