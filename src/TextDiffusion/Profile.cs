namespace TextDiffusion;

/// <summary>
/// The scale an experiment runs at: <see cref="Smoke"/> (seconds, to prove the code path runs),
/// <see cref="Cpu"/> (minutes on a laptop CPU, the default) or <see cref="Paper"/> (the paper's
/// settings, for a GPU). Notebooks and commands read <see cref="Current"/> from TD_PROFILE, so
/// the same notebook serves CI and a full reproduction.
/// </summary>
public sealed record Profile
{
    /// <summary>The environment variable that selects the profile.</summary>
    public const string EnvironmentVariable = "TD_PROFILE";

    private Profile(string name) => Name = name;

    /// <summary>Tiny settings that only check that everything runs.</summary>
    public static Profile Smoke { get; } = new("smoke");

    /// <summary>Reduced settings that finish on a CPU; the default.</summary>
    public static Profile Cpu { get; } = new("cpu");

    /// <summary>The paper's settings.</summary>
    public static Profile Paper { get; } = new("paper");

    /// <summary>Every profile, smallest first.</summary>
    public static IReadOnlyList<Profile> All { get; } = [Smoke, Cpu, Paper];

    /// <summary>The profile used when TD_PROFILE is unset or empty.</summary>
    public static Profile Default => Cpu;

    /// <summary>The profile's name as written in TD_PROFILE and on the command line.</summary>
    public string Name { get; }

    /// <summary>The profile selected by TD_PROFILE (read on every call), or <see cref="Default"/>.</summary>
    /// <exception cref="InvalidOperationException">TD_PROFILE holds an unknown value.</exception>
    public static Profile Current
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                return Default;
            }

            return TryParse(value, out var profile)
                ? profile
                : throw new InvalidOperationException($"{EnvironmentVariable}='{value}' is not a profile. {ValidValues}");
        }
    }

    private static string ValidValues => $"Valid values: {string.Join(", ", All.Select(p => p.Name))}.";

    /// <summary>Parses a profile name (case-insensitive, surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">The name is not a profile; the message lists the valid ones.</exception>
    public static Profile Parse(string value) =>
        TryParse(value, out var profile)
            ? profile
            : throw new ArgumentException($"'{value}' is not a profile. {ValidValues}", nameof(value));

    /// <summary>Parses a profile name, returning false for an unknown one.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Profile? profile)
    {
        var name = value?.Trim();
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        return profile is not null;
    }

    /// <summary>Picks the setting for this profile, e.g. <c>Profile.Current.Pick(smoke: 20, cpu: 2_000, paper: 1_000_000)</c>.</summary>
    public T Pick<T>(T smoke, T cpu, T paper) => Name switch
    {
        "smoke" => smoke,
        "cpu" => cpu,
        _ => paper,
    };

    /// <inheritdoc />
    public override string ToString() => Name;
}
