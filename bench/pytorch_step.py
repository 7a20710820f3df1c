"""PyTorch eager side of the binding benchmark (bench/run.sh drives it).

The same model as bench/Bench/TransformerStep.cs: 4 pre-norm encoder layers, d_model 256, 4 heads,
FFN 1024, GELU, dropout 0, batch 32, sequence 64; one step = forward, backward, AdamW.
Protocol on stdin/stdout: prints "ready" after warm-up; each line "step" runs one timed step and
prints its wall time in milliseconds; "quit" ends.
"""
import os
import sys
import time

import torch
import torch.nn as nn

threads = int(os.environ.get("TD_NUM_THREADS", os.cpu_count()))
torch.set_num_threads(threads)
torch.manual_seed(0)

layer = nn.TransformerEncoderLayer(256, 4, 1024, dropout=0.0, activation="gelu", batch_first=True, norm_first=True)
model = nn.TransformerEncoder(layer, 4, enable_nested_tensor=False)
opt = torch.optim.AdamW(model.parameters(), lr=1e-4)
x = torch.randn(32, 64, 256)


def step():
    out = model(x)
    loss = out.pow(2).mean()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()


for _ in range(3):
    step()
print(f"ready torch {torch.__version__} threads {torch.get_num_threads()}", flush=True)
for line in sys.stdin:
    if line.strip() == "quit":
        break
    t0 = time.perf_counter()
    step()
    print(f"{(time.perf_counter() - t0) * 1000:.3f}", flush=True)
