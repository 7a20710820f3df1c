namespace TextDiffusion.Reporting;

/// <summary>How a <see cref="ScatterTrace"/> draws its points.</summary>
public enum ScatterMode
{
    /// <summary>Points joined by lines.</summary>
    Lines,

    /// <summary>Points only.</summary>
    Markers,

    /// <summary>Points joined by lines, with markers.</summary>
    LinesAndMarkers,
}
