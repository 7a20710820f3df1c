namespace TextDiffusion.Data;

/// <summary>
/// Where a dataset comes from: shown to the user when a file is missing, so they know what to download.
/// </summary>
/// <param name="PathPrefix">Relative path prefix the entry covers, e.g. "e2e/" or "lm/wikitext2".</param>
/// <param name="Name">Human-readable dataset name.</param>
/// <param name="Url">Where the original (or full-size) data can be downloaded.</param>
/// <param name="Notes">What the local copy holds and how the original differs.</param>
public sealed record DatasetSource(string PathPrefix, string Name, string Url, string Notes);
