#!/usr/bin/env bash
# GPU lease work, for a CUDA machine with PyTorch but no .NET SDK (environment.md, "Running on a CUDA machine").
#   bench/gpu.sh pack        on this CPU machine: builds in Release and packs into .gpu/ (git-ignored, carried) the .NET
#                            runtime, the SDK's test console, the Release builds of Torch.Tests, TextDiffusion.Tests, Bench
#                            and td, and the two E2E files that notebook 01 trains on.
#   bench/gpu.sh             on the GPU machine, from the repository root with .gpu/ beside it: unpacks them, rebuilds the
#                            shim against that machine's CUDA libtorch, runs every Torch.Tests test and the GPU test of
#                            TextDiffusion.Tests, then times the cpu and paper profiles' heaviest models (Bench profile).
#   bench/gpu.sh distill     there too: notebook 03's Difformer trained on knowledge-distilled targets (td distill-difformer),
#                            with the notebook's cpu AR model and Difformer as .gpu/difformer/<name>/{model.safetensors,trainer.json}
#                            (copied there from a run's results/checkpoints/cpu/difformer/multi30k-de-en); returns the claims and
#                            the BLEU table under $OUT/03-difformer/ and the distilled Difformer's weights.
#   bench/gpu.sh ablations [STEPS [SEED]]   there too: notebook 01's six Diffusion-LM ablations trained STEPS steps (default
#                            14,000, the main model's budget) by seven td processes sharing the GPU (through MPS where the
#                            machine has it), then measured and their claims tested (td ablate-diffusion-lm); needs the
#                            committed checkpoints/cpu/teacher and checkpoints/cpu/diffusion-lm in the tree. Returns under
#                            $OUT the claims and ablation table (01-diffusion-lm/) and the trained weights (two tar files).
# Each part runs under its own time limit and a failing part does not stop the next; the log goes to $OUT/gpu.log too.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = pack ]; then
  set -e
  dotnet build Research.sln -c Release -nologo -v quiet
  dotnet build bench/Bench -c Release -nologo -v quiet
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  sdk=$(ls -d "$dotnet_root"/sdk/*/ | sort -V | tail -1)
  stage=$(mktemp -d)
  mkdir -p "$stage/dotnet/shared" "$stage/vstest" .gpu
  cp "$dotnet_root/dotnet" "$stage/dotnet/" && cp -r "$dotnet_root/host" "$stage/dotnet/"
  cp -r "$dotnet_root/shared/Microsoft.NETCore.App" "$stage/dotnet/shared/"
  cp -r "$sdk"/vstest.console* "$sdk"/testhost* "$sdk"/Microsoft.TestPlatform.* "$sdk"/Microsoft.VisualStudio.TestPlatform.* \
        "$sdk"/Microsoft.Extensions.*.dll "$sdk"/Newtonsoft.Json.dll "$sdk"/Extensions "$stage/vstest/"
  tar -C "$stage" -cJf .gpu/dotnet.tar.xz dotnet vstest
  # td without the notebook engine (Roslyn, F#, .NET Interactive and their satellites: 50 MB that td ablate-diffusion-lm never loads)
  cli=src/TextDiffusion.Cli/bin/Release/net10.0
  tar -cJf .gpu/bins.tar.xz tests/Torch.Tests/bin/Release tests/TextDiffusion.Tests/bin/Release bench/Bench/bin/Release \
      --exclude="$cli/FSharp*" --exclude="$cli/Microsoft.CodeAnalysis*" --exclude="$cli/Microsoft.DotNet.Interactive*" \
      --exclude="$cli/Humanizer*" --exclude="$cli/System.Reactive*" \
      --exclude="$cli/??" --exclude="$cli/??-*" $cli
  data=${TEXTDIFFUSION_DATA:-../shared/data}
  mkdir -p .gpu/data/e2e .gpu/data/multi30k && cp "$data"/e2e/dlm_src1_*.txt .gpu/data/e2e/ &&
    cp "$data"/multi30k/{train,test_2016_flickr}.lc.norm.tok.{de,en} .gpu/data/multi30k/
  rm -rf "$stage"
  du -sh .gpu/*
  exit 0
fi

exec > >(tee "${OUT:-/tmp}/gpu.log") 2>&1
part() { echo; echo "== $1 ($(date -u +%T))"; }

part "unpack"
mkdir -p /tmp/td && tar -xJf .gpu/dotnet.tar.xz -C /tmp/td && tar -xJf .gpu/bins.tar.xz || exit 1
export DOTNET_ROOT=/tmp/td/dotnet PATH=/tmp/td/dotnet:$PATH DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
nvidia-smi -L
python3 -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda)'

part "shim against the machine's libtorch"
torch_dir=$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')/Torch
if cmake -S src/Torch/native -B /tmp/shim -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$torch_dir" > /tmp/shim.log 2>&1 &&
   cmake --build /tmp/shim -j "$(nproc)" >> /tmp/shim.log 2>&1; then
  for f in $(find bench tests src -name libtdtorch.so -path '*bin*'); do cp /tmp/shim/libtdtorch.so "$f"; done
else
  tail -40 /tmp/shim.log; exit 1
fi

if [ "${1:-}" = distill ]; then
  export TEXTDIFFUSION_DATA=$PWD/.gpu/data TD_RESULTS_DIR=/tmp/results TD_PROFILE=${TD_PROFILE:-cpu} TD_DEVICE=${TD_DEVICE:-cuda}
  root=/tmp/results/checkpoints/$TD_PROFILE/difformer/multi30k-de-en
  mkdir -p $root && cp -r .gpu/difformer/* $root/ && ls $root
  part "distil, train, decode"
  timeout 420 dotnet src/TextDiffusion.Cli/bin/Release/net10.0/td.dll distill-difformer --out "${OUT:-/tmp/out}"
  part "weights"
  tar -C /tmp/results/checkpoints/$TD_PROFILE/difformer -cf "${OUT:-/tmp/out}/distilled.tar" \
      multi30k-de-en-distilled/difformer-anchor-loss-embedding-ln-f-4-4000/model.safetensors \
      multi30k-de-en-distilled/difformer-anchor-loss-embedding-ln-f-4-4000/trainer.json \
      multi30k-de-en-distilled/difformer-anchor-loss-embedding-ln-f-4-4000/probes.json multi30k-de-en/distilled-beam-4/targets.txt
  ls -la "${OUT:-/tmp/out}"
  part "done"
  exit 0
fi

if [ "${1:-}" = ablations ]; then
  steps=${2:-14000} seed=${3:-0}
  td="dotnet src/TextDiffusion.Cli/bin/Release/net10.0/td.dll"
  export TEXTDIFFUSION_DATA=$PWD/.gpu/data TD_RESULTS_DIR=/tmp/results TD_PROFILE=${TD_PROFILE:-cpu} TD_DEVICE=${TD_DEVICE:-cuda}
  part "MPS (several processes' kernels at once)"
  export CUDA_MPS_PIPE_DIRECTORY=/tmp/mps CUDA_MPS_LOG_DIRECTORY=/tmp/mps-log
  mkdir -p $CUDA_MPS_PIPE_DIRECTORY $CUDA_MPS_LOG_DIRECTORY
  if command -v nvidia-cuda-mps-control >/dev/null && nvidia-cuda-mps-control -d &&
     timeout 60 python3 -c 'import torch; print("MPS client ok:", torch.ones(2, device="cuda").sum().item())'; then
    echo "MPS on"
  else
    echo quit | nvidia-cuda-mps-control 2>/dev/null; unset CUDA_MPS_PIPE_DIRECTORY CUDA_MPS_LOG_DIRECTORY; echo "MPS off: processes time-slice the GPU"
  fi
  part "train: 7 processes, $steps steps each (at most ${TRAIN_SECONDS:=480} s)"
  pids=()
  for k in 0 1 2 3 4 5 6; do
    ( timeout "$TRAIN_SECONDS" $td ablate-diffusion-lm --steps "$steps" --seed "$seed" --train-only --part $k --parts 7 2>&1; echo $? > /tmp/rc.$k ) | sed -u "s/^/[$k] /" &
    pids+=($!)
  done
  ( while sleep 60; do nvidia-smi --query-gpu=utilization.gpu,memory.used --format=csv,noheader; done ) & watcher=$!
  wait "${pids[@]}"; pkill -P $watcher; kill $watcher
  echo "exit codes: $(cat /tmp/rc.*)"
  if [ "$(cat /tmp/rc.* | sort -u)" = 0 ]; then
    part "measure and test the claims"
    timeout 240 $td ablate-diffusion-lm --steps "$steps" --seed "$seed" --out "${OUT:-/tmp/out}"
  else
    echo "training did not finish: checkpoints stay in /tmp/results for a second call (TRAIN_SECONDS, same STEPS)"
  fi
  part "weights"
  (cd /tmp/results/checkpoints/$TD_PROFILE/ablations && for w in a b; do
     case $w in a) names="frozen epsilon linear";; b) names="cosine d64 d128 reference";; esac
     suffix=$([ "$seed" = 0 ] || echo "-seed-$seed")
     files=$(for n in $names; do ls $n-$steps$suffix/model.safetensors $n-$steps$suffix/trainer.json 2>/dev/null; done)
     [ -n "$files" ] && tar -cf "${OUT:-/tmp/out}/weights-$w.tar" $files
   done; ls -la "${OUT:-/tmp/out}")
  part "done"
  exit 0
fi

vstest=/tmp/td/vstest/vstest.console.dll
part "Torch.Tests (all; the CUDA ones compare the GPU with the CPU)"
timeout 300 dotnet $vstest tests/Torch.Tests/bin/Release/net10.0/Torch.Tests.dll | grep -E "Failed|Skipped |Passed!|Failed!|Total"
part "TextDiffusion.Tests: a Difformer learns to copy on the GPU"
timeout 180 dotnet $vstest tests/TextDiffusion.Tests/bin/Release/net10.0/TextDiffusion.Tests.dll --TestCaseFilter:"FullyQualifiedName~DifformerCopyTests" |
  grep -E "Passed |Failed|Skipped |Passed!|Failed!"

bench=bench/Bench/bin/Release/net10.0/Bench.dll
part "cpu profile's models on the GPU"
timeout 240 dotnet $bench profile cpu cuda 20
part "paper profile's models on the GPU"
timeout 300 dotnet $bench profile paper cuda 5
part "done"
