namespace TextDiffusion.Data;

/// <summary>
/// A dataset file was not found in any data root. The message lists every place looked and where
/// the original can be downloaded.
/// </summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    public DatasetNotFoundException(string relativePath, IReadOnlyList<string> searchedPaths, DatasetSource? source)
        : base(BuildMessage(relativePath, searchedPaths, source), relativePath)
    {
        RelativePath = relativePath;
        SearchedPaths = searchedPaths;
        Origin = source;
    }

    /// <summary>The path that was asked for, relative to a data root.</summary>
    public string RelativePath { get; }

    /// <summary>Every full path that was tried, in search order.</summary>
    public IReadOnlyList<string> SearchedPaths { get; }

    /// <summary>Where the dataset comes from, when known.</summary>
    public DatasetSource? Origin { get; }

    private static string BuildMessage(string relativePath, IReadOnlyList<string> searched, DatasetSource? source)
    {
        var lines = new List<string> { $"Dataset file '{relativePath}' was not found. Looked in:" };
        lines.AddRange(searched.Select(p => "  " + p));
        lines.Add(source is null
            ? "No download source is registered for this path; see data/README.md."
            : $"Get {source.Name} from {source.Url} ({source.Notes}); put it under the project's data/ folder " +
              $"or point {DataPaths.EnvironmentVariable} at a folder holding it. See data/README.md and data/fetch_originals.sh.");
        return string.Join(Environment.NewLine, lines);
    }
}
