using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

/// <summary>
/// A fact that reads the real datasets in ../shared/data. xunit 2 has no dynamic skip, so the
/// attribute sets <see cref="FactAttribute.Skip"/> itself when that folder is missing.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    /// <summary>Why the real-data tests are skipped.</summary>
    public const string SkipReason =
        "shared data folder not found (expected ../shared/data beside the checkout that holds Research.sln); " +
        "these tests read the real dataset files";

    public SharedDataFactAttribute()
    {
        if (!DataPaths.IsSharedDataPresent) Skip = SkipReason;
    }
}
