using System.Text.Json;

namespace TextDiffusion.Reporting;

/// <summary>A histogram of raw values; plotly.js does the binning (at most <see cref="Bins"/> bins when set).</summary>
public sealed record HistogramTrace(IReadOnlyList<double> Values, string? Name = null, int? Bins = null) : Trace(Name)
{
    internal override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteCommon(writer, "histogram");
        WriteNumbers(writer, "x", Values);
        if (Bins is { } bins)
        {
            writer.WriteNumber("nbinsx", bins);
        }

        writer.WriteEndObject();
    }
}
