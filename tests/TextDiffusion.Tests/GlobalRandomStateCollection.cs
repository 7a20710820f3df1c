namespace TextDiffusion.Tests;

/// <summary>
/// Tests that seed libtorch's global generator (torch.ManualSeed: initialisation, dropout) and compare
/// runs. They run alone: a test in a parallel class drawing from the same generator would change the
/// numbers between two runs that must be identical.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomStateCollection
{
    public const string Name = "global random state";
}
