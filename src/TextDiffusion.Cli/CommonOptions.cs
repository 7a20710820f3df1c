using System.CommandLine;
using TextDiffusion.Reporting;
using Torch;

namespace TextDiffusion.Cli;

/// <summary>Options several commands share, each validated with a message that names the bad value and what was expected.</summary>
internal static class CommonOptions
{
    public static Option<string?> Profile()
    {
        var option = new Option<string?>("--profile", "-p")
        {
            Description = $"Experiment profile: {string.Join(", ", TextDiffusion.Profile.All)} (default: {TextDiffusion.Profile.EnvironmentVariable}, else {TextDiffusion.Profile.Default}).",
        };
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<string?>();
            if (v is not null && !TextDiffusion.Profile.TryParse(v, out _))
                r.AddError($"--profile '{v}' is not a profile; valid: {string.Join(", ", TextDiffusion.Profile.All)}.");
        });
        return option;
    }

    public static Option<string?> Device()
    {
        var option = new Option<string?>("--device") { Description = "cpu, cuda or cuda:N (default: TD_DEVICE, else cpu)." };
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<string?>();
            if (v is null) return;
            try
            {
                Torch.Device.Parse(v);
            }
            catch (ArgumentException e)
            {
                r.AddError($"--device: {e.Message}");
            }
        });
        return option;
    }

    public static Option<int> Positive(string name, int defaultValue, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(r =>
        {
            int v = r.GetValueOrDefault<int>();
            if (v <= 0) r.AddError($"{name} must be a positive integer, got {v}.");
        });
        return option;
    }

    /// <summary>
    /// <c>--part K --parts N</c>: this process trains every N-th of <paramref name="what"/> from the K-th (round robin), so that N
    /// processes sharing a checkpoint folder train them all at once. <paramref name="when"/> prefixes both descriptions.
    /// </summary>
    public static (Option<int> Part, Option<int> Parts) Parts(string when, string what)
    {
        string Sentence(string text) => when.Length > 0 ? when + text : char.ToUpperInvariant(text[0]) + text[1..];
        return (new Option<int>("--part") { Description = Sentence("which part this process trains, 0 … parts−1 (default 0)."), DefaultValueFactory = _ => 0 },
            Positive("--parts", 1, Sentence($"into how many parts {what} are dealt (round robin).")));
    }

    /// <summary>Rejects a <c>--part</c> outside 0 … parts−1, naming both values.</summary>
    public static void ValidateParts(Command command, Option<int> part, Option<int> parts) =>
        command.Validators.Add(r =>
        {
            int k = r.GetValue(part), n = r.GetValue(parts);
            if (n > 0 && (k < 0 || k >= n)) r.AddError($"--part {k} is not one of the {n} parts: expected 0 … {n - 1}.");
        });

    public static Option<ulong> Seed() => new("--seed") { Description = "Random seed (default 0).", DefaultValueFactory = _ => 0UL };

    /// <summary>Applies --profile and --device for the library (which reads TD_PROFILE / TD_DEVICE).</summary>
    public static Profile Apply(string? profile, string? device)
    {
        if (profile is not null) Environment.SetEnvironmentVariable(TextDiffusion.Profile.EnvironmentVariable, profile);
        if (device is not null) Environment.SetEnvironmentVariable(Compute.EnvironmentVariable, device);
        return TextDiffusion.Profile.Current;
    }
}
