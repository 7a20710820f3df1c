using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Torch;
using Torch.Nn;

namespace TextDiffusion.Experiments;

/// <summary>
/// Generated outputs of long sampling runs kept on disk, so that a notebook cut off mid-run (a session's end) resumes
/// where it stopped, as model checkpoints do for training. An entry is found only when everything that determines the
/// outputs is the same: its name and settings (any text, e.g. a settings record's ToString()), the parameters of the
/// models that generate them (a SHA-256 of their values), the targets, and the library build itself (its module version
/// id; the build is deterministic with paths mapped, so the same source gives the same id in any checkout). A code change
/// therefore never reuses stale outputs. The stored generation time is the original run's.
/// </summary>
public sealed class GenerationCache(string directory)
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public string Directory { get; } = directory;

    /// <summary>The identity of the library build that generates (its module version id).</summary>
    public static string LibraryBuild { get; } = typeof(GenerationCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>An entry for outputs named <paramref name="name"/>, determined by <paramref name="settings"/> and <paramref name="models"/>.</summary>
    public Entry For(string name, string settings, params Module[] models) =>
        new(this, name, Hash(string.Join('\n', [name, settings, LibraryBuild, .. models.Select(Fingerprint)])));

    /// <summary>SHA-256 (hex, 16 bytes) of a module's parameters and buffers, in order.</summary>
    public static string Fingerprint(Module module) => Fingerprint(module.StateDict());

    /// <summary>SHA-256 (hex, 16 bytes) of named tensors' names and float64 values, in the given order.</summary>
    public static string Fingerprint(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, tensor) in tensors)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(name));
            using var scope = torch.NewDisposeScope();
            var values = tensor.Detach().To(DType.Float64, Device.Cpu).Contiguous().ToArray<double>();
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        return Convert.ToHexString(sha.GetHashAndReset(), 0, 16).ToLowerInvariant();
    }

    static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16).ToLowerInvariant();

    /// <summary>One cached generation: load it, or run and store it.</summary>
    public sealed record Entry(GenerationCache Cache, string Name, string Key)
    {
        /// <summary>The stored outputs for these targets (their text is part of the key), or runs <paramref name="generate"/> and stores them.</summary>
        public (List<string> Outputs, double Seconds, bool Reused) GetOrRun(IEnumerable<string> targets, Func<List<string>> generate)
        {
            string path = PathFor(targets);
            if (File.Exists(path))
            {
                var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json)
                    ?? throw new InvalidDataException($"{path}: empty generation cache entry");
                return (stored.Outputs, stored.Seconds, true);
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var outputs = generate();
            double seconds = clock.Elapsed.TotalSeconds;
            System.IO.Directory.CreateDirectory(Cache.Directory);
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Stored(Name, LibraryBuild, DateTime.UtcNow, seconds, outputs), Json));
            return (outputs, seconds, false);
        }

        /// <summary>The file that holds (or will hold) the outputs for these targets: equal paths, equal outputs.</summary>
        public string PathFor(IEnumerable<string> targets) =>
            Path.Combine(Cache.Directory, $"{Reporting.ResultPaths.Slug(Name)}-{Hash(Key + "\n" + string.Join('\n', targets))}.json");
    }

    sealed record Stored(string Name, string Library, DateTime Created, double Seconds, List<string> Outputs);
}
