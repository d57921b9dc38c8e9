# Sourced by the bench scripts: llama.cpp's source in $work/llama.cpp, from the git bundle in the npm package
# node-llama-cpp (3.22.1), fetched once; WORK=dir reuses a download. `llamacpp_build TARGET` builds a library of it
# (cmake, g++, -DGGML_NATIVE=ON) into $work/llama.cpp/build/bin, once. A measuring tool, never a dependency.
work="${WORK:-$(mktemp -d)}"
cd "$work"
[ -f node-llama-cpp-*.tgz ] || npm pack node-llama-cpp@3.22.1 >/dev/null
[ -d package ] || tar xzf node-llama-cpp-*.tgz
[ -d llama.cpp ] || git clone -q package/llama/gitRelease.bundle llama.cpp
lib="$work/llama.cpp/build/bin"

llamacpp_build() {
  if [ ! -f "$lib/lib$1.so" ]; then
    echo "building llama.cpp's lib$1 in $work (about ten minutes on 2 cores) ..."
    cmake -S llama.cpp -B llama.cpp/build -DCMAKE_BUILD_TYPE=Release -DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF \
      -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=OFF -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF >cmake.log
    cmake --build llama.cpp/build -j "$(nproc)" --target "$1" >build.log
  fi
}
