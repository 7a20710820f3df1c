# Sourced by the benchmark scripts: strict mode, the repository root, passive OpenMP waiting (idle threads must not
# steal the core from the other process or worker), a Release build of bench/Bench, and its path in $bench.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export OMP_WAIT_POLICY=PASSIVE
dotnet build bench/Bench -c Release -v quiet -nologo >/dev/null
bench=bench/Bench/bin/Release/net10.0/Bench.dll
