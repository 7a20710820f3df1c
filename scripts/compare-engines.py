#!/usr/bin/env python3
"""Runs one notebook twice and compares the MIME types of every output, cell by cell:

  1. with `td reproduce`'s engine (NotebookRunner: .NET Interactive's C# kernel, in process), and
  2. with the installed dotnet-interactive tool, driven over stdio as VS Code's Polyglot Notebooks drives it
     (`dotnet-interactive [vscode] stdio --working-dir <notebook folder>`, one SubmitCode per cell, events mapped
     to outputs as the extension's interactiveClient.ts maps them).

Usage: scripts/compare-engines.py notebooks/00-quickstart.ipynb [--profile smoke]
Needs: a Release build, and `dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001`.
Exits 1 when any cell's outputs differ in kind or MIME types.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def runner_outputs(notebook, profile, results):
    """Executes the notebook with NotebookRunner into a temporary file and reads back each code cell's outputs."""
    out = os.path.join(tempfile.mkdtemp(prefix="engines-"), os.path.basename(notebook))
    runner = os.path.join(ROOT, "src/NotebookRunner/bin/Release/net10.0/NotebookRunner.dll")
    env = dict(os.environ, TD_RESULTS_DIR=results)
    subprocess.run(["dotnet", runner, notebook, "--profile", profile, "--output", out], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    with open(out) as f:
        cells = [c for c in json.load(f)["cells"] if c["cell_type"] == "code"]
    return [[describe_nbformat(o) for o in c["outputs"]] for c in cells]


def describe_nbformat(output):
    kind = output["output_type"]
    if kind == "stream":
        return f"stream {output['name']}"
    if kind == "error":
        return "error"
    return f"{kind} {list(output['data'].keys())}"


def tool_outputs(notebook, profile, results):
    """Drives `dotnet-interactive [vscode] stdio` with one SubmitCode per code cell."""
    tool = shutil.which("dotnet-interactive") or os.path.expanduser("~/.dotnet/tools/dotnet-interactive")
    folder = os.path.dirname(os.path.abspath(notebook))
    env = dict(os.environ, TD_PROFILE=profile, TD_RESULTS_DIR=results)
    process = subprocess.Popen([tool, "[vscode]", "stdio", "--working-dir", folder], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=folder)
    with open(notebook) as f:
        cells = [c for c in json.load(f)["cells"] if c["cell_type"] == "code"]
    results_by_cell = []
    try:
        for index, cell in enumerate(cells):
            token = f"cell-{index + 1}"
            command = {"commandType": "SubmitCode", "token": token,
                       "command": {"code": "".join(cell["source"]), "targetKernelName": "csharp"}}
            process.stdin.write(json.dumps(command) + "\n")
            process.stdin.flush()
            outputs, by_value_id = [], {}
            while True:
                line = process.stdout.readline()
                if not line:
                    raise RuntimeError("dotnet-interactive exited")
                try:
                    envelope = json.loads(line)
                except json.JSONDecodeError:
                    continue
                kind, event = envelope.get("eventType"), envelope.get("event", {})
                root = (envelope.get("command") or {}).get("token") == token
                if kind in ("StandardOutputValueProduced", "StandardErrorValueProduced"):
                    name = "stdout" if kind.startswith("StandardOutput") else "stderr"
                    if not outputs or outputs[-1] != f"stream {name}":  # consecutive text joins one output
                        outputs.append(f"stream {name}")
                elif kind in ("DisplayedValueProduced", "ReturnValueProduced", "DisplayedValueUpdated"):
                    mimes = [v["mimeType"] for v in event.get("formattedValues", []) if not v.get("suppressDisplay")]
                    label = "execute_result" if kind == "ReturnValueProduced" else "display_data"
                    value_id = event.get("valueId")
                    if kind == "DisplayedValueUpdated" and value_id in by_value_id:
                        outputs[by_value_id[value_id]] = f"{label} {mimes}"
                    else:
                        by_value_id[value_id] = len(outputs)
                        outputs.append(f"{label} {mimes}")
                elif kind == "ErrorProduced":
                    outputs.append("error")
                elif kind == "CommandFailed" and root:
                    outputs.append("error")
                    break
                elif kind == "CommandSucceeded" and root:
                    break
            results_by_cell.append(outputs)
            if outputs and outputs[-1] == "error":
                break
    finally:
        process.kill()
    return results_by_cell


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebook")
    parser.add_argument("--profile", default="smoke")
    args = parser.parse_args()
    results = tempfile.mkdtemp(prefix="engines-results-")
    ours = runner_outputs(args.notebook, args.profile, results)
    theirs = tool_outputs(args.notebook, args.profile, results)
    differ = 0
    print(f"{'cell':>4}  {'td reproduce (NotebookRunner)':<60} dotnet-interactive stdio")
    for i in range(max(len(ours), len(theirs))):
        a = ours[i] if i < len(ours) else ["(not run)"]
        b = theirs[i] if i < len(theirs) else ["(not run)"]
        same = a == b
        differ += not same
        for j in range(max(len(a), len(b))):
            left = a[j] if j < len(a) else ""
            right = b[j] if j < len(b) else ""
            print(f"{i + 1 if j == 0 else '':>4}  {left:<60} {right}{'' if same or j else '   <-- differs'}")
    print(f"{len(ours)} code cells: {'the same MIME types in every output' if not differ else f'{differ} cells differ'}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
