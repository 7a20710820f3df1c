#!/usr/bin/env bash
# The binding benchmark: our C# binding vs PyTorch eager, same model, same machine, interleaved.
# Installs what it needs (Debian: python3-torch, libopenblas0-openmp), builds in Release, runs.
# The last line reads "ratio ours/pytorch: X" (X = median of the per-pair ratios).
set -euo pipefail
cd "$(dirname "$0")/.."
"$(pwd)/scripts/setup.sh" --bench
# Both sides wait passively between parallel regions: with busy-waiting, the idle side of each pair
# spins on the cores the timed side needs (measured: both ~2.5x slower).
export OMP_WAIT_POLICY=PASSIVE
dotnet build bench/Bench -c Release -v quiet -nologo
dotnet bench/Bench/bin/Release/net10.0/Bench.dll "${PAIRS:-20}"
