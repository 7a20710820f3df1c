using TextDiffusion.Reporting;

namespace TextDiffusion.Training;

/// <summary>
/// Trained weights committed with the repository, in <c>checkpoints/</c> at its root (its README says, per model, the
/// command, commit, seed and wall time that made it): the models the notebooks reuse, so that a fresh clone does not
/// train them again. A checkpoint folder under <c>results/checkpoints/…</c> that holds no finished run (no <c>trainer.json</c>) is first
/// filled from the same relative path under <c>checkpoints/</c>. Only finished runs are committed, without their optimiser state, which
/// <see cref="Checkpoint.Load"/> then does without. Delete the folder under results/ to use the committed copy again.
/// </summary>
public static class PretrainedCheckpoints
{
    /// <summary>The repository folder that holds them.</summary>
    public const string Folder = "checkpoints";

    /// <summary>Copies the committed checkpoint for <paramref name="checkpointDir"/> into it when it holds no finished run; true when it did.</summary>
    public static bool TrySeed(string checkpointDir) =>
        ResultPaths.FindRepositoryRoot() is { } root && TrySeed(checkpointDir, ResultPaths.Directory, root);

    /// <summary><see cref="TrySeed(string)"/> for a given results folder and repository root.</summary>
    internal static bool TrySeed(string checkpointDir, string resultsDirectory, string root)
    {
        if (Checkpoint.Exists(checkpointDir)) return false;
        string relative = Path.GetRelativePath(resultsDirectory, Path.GetFullPath(checkpointDir));
        if (!relative.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return false;
        string source = Path.Combine(root, relative);
        if (!Checkpoint.Exists(source)) return false;
        Directory.CreateDirectory(checkpointDir);
        foreach (var file in Directory.GetFiles(source).OrderBy(f => Path.GetFileName(f) == "trainer.json"))   // trainer.json last: it marks the folder complete
            File.Copy(file, Path.Combine(checkpointDir, Path.GetFileName(file)), overwrite: true);
        return true;
    }
}
