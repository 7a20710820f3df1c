#!/usr/bin/env bash
# The main job (README): on a fresh Debian machine, install what is missing, build, then
#  1. `td quickstart`: train a small transformer LM on E2E for a minute (progress bar), print its
#     held-out perplexity and samples;
#  2. execute notebooks/00-quickstart.ipynb in the default profile (cpu) in place, writing its
#     table (results/quickstart/table.csv, .md) and chart (results/quickstart/loss.png).
# TD_PROFILE / --profile-style overrides: TD_PROFILE=smoke scripts/run.sh for a seconds-long run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup.sh --charts
dotnet build Research.sln -c Release -nologo -v quiet
td="dotnet src/TextDiffusion.Cli/bin/Release/net10.0/td.dll"
$td quickstart
$td reproduce notebooks/00-quickstart.ipynb
