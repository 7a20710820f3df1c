using System.Text.Json;
using Torch;

namespace TextDiffusion.Seq2Seq;

/// <summary>
/// The embedding probes of one Difformer training run, one per probed step. With a checkpoint folder they
/// are kept in folder/probes.json (rewritten after each probe), so a resumed or reused run still has the
/// probes of the steps it did not run again; a step probed again replaces its old value.
/// </summary>
public sealed class ProbeLog
{
    readonly string? path;
    readonly SortedDictionary<int, EmbeddingProbe> byStep = [];

    public ProbeLog(string? checkpointDir)
    {
        path = checkpointDir is null ? null : Path.Combine(checkpointDir, "probes.json");
        if (path is not null && File.Exists(path))
            foreach (var probe in JsonSerializer.Deserialize<EmbeddingProbe[]>(File.ReadAllText(path))
                                  ?? throw new InvalidDataException($"{path} holds no probe list"))
                byStep[probe.Step] = probe;
    }

    public IReadOnlyList<EmbeddingProbe> Probes => [.. byStep.Values];

    public void Add(EmbeddingProbe probe)
    {
        byStep[probe.Step] = probe;
        if (path is not null)
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(Probes));
    }
}
