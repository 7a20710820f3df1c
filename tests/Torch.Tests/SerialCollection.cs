namespace Torch.Tests;

/// <summary>
/// Tests that touch process-wide state (the global random generator, the process's memory) run in
/// this collection: after the parallel ones, one at a time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial: process-wide state";
}
