#!/usr/bin/env bash
# The inter-op benchmark: two independent pieces of work one after the other on every intra-op thread, then two at a time
# on one thread each (Torch.InterOp.Map): first two guided control generations at the cpu profile's size
# (bench/Bench/GuidedGeneration.cs, what notebook 05 runs 45 of), then two transformers' training steps
# (bench/Bench/TransformerStep.cs). ROUNDS lines per width (WIDTHS, default "256 128": the benchmark's
# model and the width of the cpu profile's Diffusion-LM and classifiers), each with both wall times and their ratio.
source "$(dirname "$0")/setup.sh"
for round in $(seq "${ROUNDS:-3}"); do
  echo "round $round: $(dotnet "$bench" guided "${GUIDED_STEPS:-40}")"
done
for width in ${WIDTHS:-256 128}; do
  for round in $(seq "${ROUNDS:-3}"); do
    echo "round $round: $(dotnet "$bench" interop "${STEPS:-10}" "$width")"
  done
done
