using System.Text.Json;

namespace TextDiffusion.Reporting;

/// <summary>
/// Text drawn at points (plotly.js scatter in "text" mode), left-aligned in a monospaced font, for a
/// picture made of words: e.g. one line of tokens per denoising step.
/// </summary>
public sealed record TextTrace : Trace
{
    /// <summary>Creates the trace: one label per point.</summary>
    public TextTrace(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<string> labels, string? name = null)
        : base(name)
    {
        RequireSameLength(x.Count, y.Count, "y");
        RequireSameLength(x.Count, labels.Count, "labels");
        X = x;
        Y = y;
        Labels = labels;
    }

    /// <summary>X values (where each label starts).</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Y values.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>The text at each point.</summary>
    public IReadOnlyList<string> Labels { get; }

    internal override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteCommon(writer, "scatter");
        writer.WriteString("mode", "text");
        WriteNumbers(writer, "x", X);
        WriteNumbers(writer, "y", Y);
        writer.WriteStartArray("text");
        foreach (var label in Labels)
        {
            writer.WriteStringValue(label);
        }

        writer.WriteEndArray();
        writer.WriteString("textposition", "middle right");
        writer.WriteStartObject("textfont");
        writer.WriteString("family", "DejaVu Sans Mono, Menlo, Consolas, monospace");
        writer.WriteNumber("size", 12);
        writer.WriteEndObject();
        writer.WriteString("hoverinfo", "text");
        writer.WriteEndObject();
    }
}
