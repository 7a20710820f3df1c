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

    public static Option<ulong> Seed() => new("--seed") { Description = "Random seed (default 0).", DefaultValueFactory = _ => 0UL };

    /// <summary>Applies --profile and --device for the library (which reads TD_PROFILE / TD_DEVICE).</summary>
    public static Profile Apply(string? profile, string? device)
    {
        if (profile is not null) Environment.SetEnvironmentVariable(TextDiffusion.Profile.EnvironmentVariable, profile);
        if (device is not null) Environment.SetEnvironmentVariable(Compute.EnvironmentVariable, device);
        return TextDiffusion.Profile.Current;
    }
}
