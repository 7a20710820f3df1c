#!/usr/bin/env bash
# Installs what TextDiffusion needs on a fresh Debian 12 machine, then checks the BLAS.
#   scripts/setup.sh           libtorch + OpenBLAS + build tools + the syntax oracles (always)
#   scripts/setup.sh --charts  also Chromium and plotly.js (static PNG charts)
#   scripts/setup.sh --bench   also python3-torch (the PyTorch side of bench/)
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# link-grammar (parser) and Lingua::EN::Tagger (POS tagger): the oracles of Diffusion-LM's syntax and POS controls.
want=(libtorch-dev libopenblas0-openmp cmake g++ liblink-grammar5 link-grammar-dictionaries-en liblingua-en-tagger-perl)
for arg in "$@"; do
  case "$arg" in
    --charts) want+=(chromium nodejs npm) ;;
    --bench) want+=(python3-torch) ;;
    *) echo "setup.sh: unknown option '$arg' (expected --charts or --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# npm may come from outside Debian (e.g. nodesource); accept any working npm.
if [[ " ${missing[*]:-} " == *" npm "* ]] && command -v npm >/dev/null; then missing=("${missing[@]/npm}"); fi
if [[ " ${missing[*]:-} " == *" nodejs "* ]] && command -v node >/dev/null; then missing=("${missing[@]/nodejs}"); fi
missing=(${missing[@]:-})
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# libtorch-dev links the generic libblas.so.3. Debian's alternatives must point it at OpenBLAS,
# or every matmul silently runs on the reference BLAS (~65x slower).
blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)
if [[ "$blas" != *openblas* ]]; then
  echo "setup: ERROR: libblas.so.3 resolves to '$blas', the reference BLAS (~65x slower matmul)." >&2
  echo "       Fix: apt-get install libopenblas0-openmp  (or: update-alternatives --config libblas.so.3-x86_64-linux-gnu)" >&2
  exit 1
fi

if [[ " $* " == *" --charts "* ]] && [ ! -f tools/node_modules/plotly.js-dist-min/plotly.min.js ]; then
  scripts/setup-charts.sh
fi
