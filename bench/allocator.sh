#!/usr/bin/env bash
# The allocator benchmark: the same training steps (bench/Bench/TransformerStep.cs, on sequence lengths that
# change from step to step as length-bucketed batches do) with the binding's
# allocator setting (Native.KeepFreedMemoryInTheHeap: freed memory stays in glibc's heap) and without it
# (MALLOC_CHECK_=0, which leaves glibc's defaults: blocks over 128 KB go back to the kernel on free).
# Alternates the two, ROUNDS times each; each line gives a process's mean step time.
source "$(dirname "$0")/setup.sh"
for round in $(seq "${ROUNDS:-3}"); do
  echo "round $round, binding's setting: $(dotnet "$bench" steps "${STEPS:-30}")"
  echo "round $round, glibc defaults:    $(MALLOC_CHECK_=0 dotnet "$bench" steps "${STEPS:-30}")"
done
