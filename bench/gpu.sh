#!/usr/bin/env bash
# One GPU lease's checks, for a CUDA machine with PyTorch but no .NET SDK (environment.md, "Running on a CUDA machine").
#   bench/gpu.sh pack   on this CPU machine: builds in Release and packs into .gpu/ (git-ignored) the .NET runtime, the SDK's
#                       test console, and the Release builds of Torch.Tests, TextDiffusion.Tests and Bench.
#   bench/gpu.sh        on the GPU machine, from the repository root with .gpu/ beside it: unpacks them, rebuilds the shim
#                       against that machine's CUDA libtorch, runs every Torch.Tests test and the GPU test of
#                       TextDiffusion.Tests, then times the cpu and paper profiles' heaviest models (Bench profile).
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
  tar -cJf .gpu/bins.tar.xz tests/Torch.Tests/bin/Release tests/TextDiffusion.Tests/bin/Release bench/Bench/bin/Release
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
  for f in $(find bench tests -name libtdtorch.so -path '*bin*'); do cp /tmp/shim/libtdtorch.so "$f"; done
else
  tail -40 /tmp/shim.log; exit 1
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
