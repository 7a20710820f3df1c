#!/usr/bin/env bash
# The test command (README; .ci/run calls it). On a fresh Debian machine it installs what is
# missing, builds everything in Release, runs every xunit test, then executes every notebook in the
# `smoke` profile into artifacts/ (the committed notebooks keep their `cpu` outputs).
# The last line reads "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/setup.sh --charts
dotnet build Research.sln -c Release -nologo -v quiet

log=$(mktemp)
set +e
dotnet test Research.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')

nb_passed=0; nb_failed=0
shopt -s nullglob
notebooks=(notebooks/*.ipynb)
if ((${#notebooks[@]})); then
  mkdir -p artifacts/notebooks-smoke
  # smoke tables and charts go beside the smoke notebooks, not over the real runs' results/
  export TD_RESULTS_DIR="$(pwd)/artifacts/results-smoke"
  rm -f "$TD_RESULTS_DIR"/*/claims.csv
  for nb in "${notebooks[@]}"; do
    stem=$(basename "$nb" .ipynb)
    if ! dotnet src/NotebookRunner/bin/Release/net10.0/NotebookRunner.dll "$nb" --profile smoke \
         --output "artifacts/notebooks-smoke/$stem.ipynb"; then
      echo "notebook FAILED: $nb" >&2; nb_failed=$((nb_failed + 1))
    # a notebook that tests claims must write them where the scorecard reads them: results/<notebook>/claims.csv
    elif grep -q 'new ClaimSheet(' "$nb" && [ ! -s "$TD_RESULTS_DIR/$stem/claims.csv" ]; then
      echo "notebook FAILED: $nb has a claims cell but wrote no $TD_RESULTS_DIR/$stem/claims.csv" >&2; nb_failed=$((nb_failed + 1))
    else
      nb_passed=$((nb_passed + 1))
    fi
  done
fi
echo "notebooks (smoke): $nb_passed passed, $nb_failed failed"
echo "tests: $((passed + nb_passed)) passed, $((failed + nb_failed)) failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$nb_failed" -eq 0 ]
