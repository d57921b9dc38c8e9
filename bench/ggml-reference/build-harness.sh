#!/usr/bin/env bash
# Builds the reference harnesses into DIR: ggml's GEMV (mulmat.c, for `nanomind bench kernels --reference DIR`)
# and llama.cpp's greedy decode (bench/llamacpp-load/greedy.cpp, for `nanomind bench functional --reference DIR`),
# against libggml and libllama from the git bundle in the npm package node-llama-cpp (cmake, g++,
# -DGGML_NATIVE=ON: ggml at its best on this machine). A measuring tool only; WORK=dir reuses a download and
# build (shared with bench/llamacpp-load).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:?usage: build-harness.sh DIR}" && cd "$1" && pwd)"
work="${WORK:-$(mktemp -d)}"
cd "$work"
[ -f node-llama-cpp-*.tgz ] || npm pack node-llama-cpp@3.22.1 >/dev/null
[ -d package ] || tar xzf node-llama-cpp-*.tgz
[ -d llama.cpp ] || git clone -q package/llama/gitRelease.bundle llama.cpp
lib="$work/llama.cpp/build/bin"
if [ ! -f "$lib/libllama.so" ]; then
  echo "building libggml and libllama in $work (about ten minutes on 2 cores) ..."
  cmake -S llama.cpp -B llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF >cmake.log
  cmake --build llama.cpp/build -j "$(nproc)" --target llama >build.log
fi
gcc -O2 -I llama.cpp/ggml/include "$here/mulmat.c" -L "$lib" -lggml -lggml-base -lggml-cpu -Wl,-rpath,"$lib" -o "$out/mulmat"
g++ -O2 -std=c++17 -I llama.cpp/include -I llama.cpp/ggml/include "$here/../llamacpp-load/greedy.cpp" -L "$lib" -lllama -lggml \
  -lggml-base -Wl,-rpath,"$lib" -o "$out/greedy"
echo "wrote $out/mulmat and $out/greedy (llama.cpp $(git -C llama.cpp log -1 --format='%h %cs'))"
