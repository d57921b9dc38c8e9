#!/usr/bin/env bash
# Loads the GGUF files the project writes in llama.cpp itself: every weight type decodes, and the functional
# decoder's greedy answer (nanomind run, functional) equals llama.cpp's token for token. llama.cpp is a measuring
# tool here, never a dependency: its source is the git bundle in the npm package node-llama-cpp, built with cmake
# and g++ (libllama only), and greedy.cpp beside this script is the harness.
# Usage: bench/llamacpp-load/load.sh [MODEL]   (MODEL of the cross-check, default tinyllama-1.1b: untied output
#        weights, so that the greedy answer is not the prompt's last byte again; WORK=dir reuses a download and build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
model="${1:-tinyllama-1.1b}"
. "$here/../llamacpp-source.sh"
llamacpp_build llama
g++ -O2 -std=c++17 -I llama.cpp/include -I llama.cpp/ggml/include "$here/greedy.cpp" -L "$lib" -lllama -lggml -lggml-base \
  -Wl,-rpath,"$lib" -o greedy
echo "llama.cpp $(git -C llama.cpp log -1 --format='%h %cs')"
export OMP_WAIT_POLICY=passive # ggml's spinning barrier collapses on a loaded 2-core machine
question="what is in front of me? " # the functional decoder's prompt (Functional.QUESTION), 24 bytes
failed=0

# Every type the project writes: llama.cpp loads the file, tokenizes, and decodes.
for t in F32 F16 Q8_0 Q4_0 Q4_K Q2_K; do
  f="$work/tiny-decoder-$t.gguf"
  "$root/nanomind" generate tiny-decoder --type "$t" --out "$f" >/dev/null
  if out="$(./greedy "$f" 8 "$question" 2>/dev/null)"; then
    echo "tiny-decoder $t: llama.cpp loaded it and decoded 8 tokens"
  else
    echo "tiny-decoder $t: llama.cpp FAILED"; failed=1
  fi
done

# The functional decoder against llama.cpp: the same file, the same prompt, greedy answers token for token.
f="$work/$model-Q4_0.gguf"
[ -f "$f" ] || "$root/nanomind" generate "$model" --type Q4_0 --out "$f" >/dev/null
theirs="$(./greedy "$f" 8 "$question" 2>/dev/null | sed -n "s/^answer //p")"
cat >check.yaml <<YAML
scenario: llamacpp-check
platform: nanomind-rk3566
seed: 1
bricks:
  - {name: decoder, model: $f, unit: a55, threads: 2, functional: true}
workload: {arrivals: periodic, rate_per_hour: 60, prompt_tokens: 24, answer_tokens: 8, question_words: 5, answer_words: 6}
duration: 1 event
outputs: [summary]
YAML
"$root/nanomind" run check.yaml --out check >/dev/null
ours="$(python3 -c "import json; print(' '.join(map(str, json.load(open('check/summary.json'))['functional']['answer_tokens'][0])))")"
echo "$model Q4_0, greedy after \"$question\":"
echo "  llama.cpp:           $theirs"
echo "  functional decoder:  $ours"
if [ "$theirs" = "$ours" ]; then echo "  the same tokens"; else echo "  DIFFERENT"; failed=1; fi
exit $failed
