#!/usr/bin/env bash
# Builds ggml's GEMV harness (mulmat.c) into DIR for `nanomind bench kernels --reference DIR`: libggml from the
# git bundle in the npm package node-llama-cpp (cmake, g++, -DGGML_NATIVE=ON: ggml at its best on this machine),
# then mulmat linked against it. A measuring tool only; WORK=dir reuses a download and build (shared with
# bench/llamacpp-load).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mkdir -p "${1:?usage: build-mulmat.sh DIR}" && cd "$1" && pwd)"
work="${WORK:-$(mktemp -d)}"
cd "$work"
[ -f node-llama-cpp-*.tgz ] || npm pack node-llama-cpp@3.22.1 >/dev/null
[ -d package ] || tar xzf node-llama-cpp-*.tgz
[ -d llama.cpp ] || git clone -q package/llama/gitRelease.bundle llama.cpp
lib="$work/llama.cpp/build/bin"
if [ ! -f "$lib/libggml-cpu.so" ]; then
  echo "building libggml in $work (a few minutes on 2 cores) ..."
  cmake -S llama.cpp -B llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF >cmake.log
  cmake --build llama.cpp/build -j "$(nproc)" --target ggml >build.log
fi
gcc -O2 -I llama.cpp/ggml/include "$here/mulmat.c" -L "$lib" -lggml -lggml-base -lggml-cpu -Wl,-rpath,"$lib" -o "$out/mulmat"
echo "wrote $out/mulmat (llama.cpp $(git -C llama.cpp log -1 --format='%h %cs'))"
