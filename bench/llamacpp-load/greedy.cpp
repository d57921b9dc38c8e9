// Greedy token ids from llama.cpp for a prompt of bytes, to set beside the functional decoder's own: loads a GGUF
// the project wrote, tokenizes the prompt without special tokens, decodes N tokens greedily with THREADS threads
// (default 2), and prints the prompt's ids, the answer's ids, and the decode rate after the prompt (tokens/s, the
// prompt's own evaluation excluded). Built against libllama by load.sh and bench/ggml-reference/build-harness.sh.
#include "llama.h"
#include <cstdio>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char ** argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s MODEL.gguf N PROMPT [THREADS]\n", argv[0]);
        return 2;
    }
    const int threads = argc > 4 ? std::atoi(argv[4]) : 2;
    const int n_predict = std::atoi(argv[2]);
    const std::string prompt = argv[3];
    llama_log_set([](ggml_log_level, const char *, void *) {}, nullptr);
    ggml_backend_load_all();
    llama_model * model = llama_model_load_from_file(argv[1], llama_model_default_params());
    if (model == nullptr) {
        fprintf(stderr, "cannot load %s\n", argv[1]);
        return 1;
    }
    const llama_vocab * vocab = llama_model_get_vocab(model);
    std::vector<llama_token> tokens(prompt.size() + 8);
    const int n = llama_tokenize(vocab, prompt.c_str(), prompt.size(), tokens.data(), tokens.size(), false, false);
    if (n < 0) {
        fprintf(stderr, "cannot tokenize the prompt\n");
        return 1;
    }
    tokens.resize(n);
    llama_context_params cp = llama_context_default_params();
    cp.n_ctx = n + n_predict;
    cp.n_batch = n;
    cp.n_threads = cp.n_threads_batch = threads;
    llama_context * ctx = llama_init_from_model(model, cp);
    printf("prompt");
    for (llama_token t : tokens) {
        printf(" %d", t);
    }
    printf("\nanswer");
    llama_batch batch = llama_batch_get_one(tokens.data(), tokens.size());
    llama_token next = 0;
    const int n_vocab = llama_vocab_n_tokens(vocab);
    auto decode_start = std::chrono::steady_clock::now();
    for (int i = 0; i < n_predict; i++) {
        if (i == 1) {
            decode_start = std::chrono::steady_clock::now(); // after the prompt's evaluation: decoding only
        }
        if (llama_decode(ctx, batch)) {
            fprintf(stderr, "decode failed\n");
            return 1;
        }
        const float * logits = llama_get_logits_ith(ctx, -1);
        if (i == 0) {
            fprintf(stderr, "logits after the prompt: %.5f %.5f %.5f %.5f\n", logits[0], logits[1], logits[2], logits[3]);
        }
        next = 0;
        for (int v = 1; v < n_vocab; v++) {
            if (logits[v] > logits[next]) {
                next = v;
            }
        }
        printf(" %d", next);
        batch = llama_batch_get_one(&next, 1);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - decode_start).count();
    printf("\ndecode_tokens_per_s %.4f\n", n_predict > 1 ? (n_predict - 1) / seconds : 0.0);
    llama_free(ctx);
    llama_model_free(model);
    return 0;
}
