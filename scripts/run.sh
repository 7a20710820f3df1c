#!/usr/bin/env bash
# The main job (README): on a fresh Debian machine, install what is missing, build, then run
# notebooks/00-quickstart.ipynb in place (profile: TD_PROFILE, default cpu, about 4 minutes on 2 cores):
# a small masked diffusion LM (MDLM) trained on E2E for 600 steps (~2 min), its samples, one sentence
# denoised from all-MASK to text (results/quickstart/denoising.png, also in the notebook), and its quality
# beside an AR baseline and the human references (results/quickstart/quality.md).
# TD_PROFILE=smoke scripts/run.sh runs it in seconds. `td quickstart` does the same in the terminal alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup.sh --charts
dotnet build Research.sln -c Release -nologo -v quiet
td="dotnet src/TextDiffusion.Cli/bin/Release/net10.0/td.dll"
start=$SECONDS
$td reproduce notebooks/00-quickstart.ipynb --echo
results="${TD_RESULTS_DIR:-results}/quickstart"
echo
cat "$results/quality.md"
echo
echo "the denoising picture: $results/denoising.png (and in notebooks/00-quickstart.ipynb); $((SECONDS - start)) s in all"
