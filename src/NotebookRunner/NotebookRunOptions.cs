namespace NotebookRunner;

/// <summary>How to run a notebook.</summary>
/// <param name="OutputPath">Where to write the executed notebook; null writes it in place.</param>
/// <param name="Profile">Value for TD_PROFILE during the run (smoke, cpu, paper); null leaves the environment as it is.</param>
/// <param name="EchoOutput">Also copy cell stdout/stderr to the real console while running.</param>
public sealed record NotebookRunOptions(string? OutputPath = null, string? Profile = null, bool EchoOutput = false)
{
    /// <summary>The environment variable that selects the experiment profile.</summary>
    public const string ProfileVariable = "TD_PROFILE";

    /// <summary>Profiles the TextDiffusion library understands (TextDiffusion.Profile).</summary>
    public static readonly IReadOnlyList<string> KnownProfiles = ["smoke", "cpu", "paper"];
}
