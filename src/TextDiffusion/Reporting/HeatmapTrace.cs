using System.Text.Json;

namespace TextDiffusion.Reporting;

/// <summary>A heatmap of a matrix (rows are y, columns are x), with optional axis labels.</summary>
public sealed record HeatmapTrace : Trace
{
    /// <summary>Creates the trace; every row of <paramref name="z"/> must have the same length.</summary>
    public HeatmapTrace(IReadOnlyList<IReadOnlyList<double>> z, IReadOnlyList<string>? x = null,
        IReadOnlyList<string>? y = null, string? name = null, string colorScale = "Viridis")
        : base(name)
    {
        var columns = z.Count == 0 ? 0 : z[0].Count;
        foreach (var row in z)
        {
            RequireSameLength(columns, row.Count, "a heatmap row");
        }

        if (x is not null)
        {
            RequireSameLength(columns, x.Count, "x labels");
        }

        if (y is not null)
        {
            RequireSameLength(z.Count, y.Count, "y labels");
        }

        Z = z;
        X = x;
        Y = y;
        ColorScale = colorScale;
    }

    /// <summary>Creates the trace from a rectangular array indexed [row, column].</summary>
    public HeatmapTrace(double[,] z, IReadOnlyList<string>? x = null, IReadOnlyList<string>? y = null,
        string? name = null, string colorScale = "Viridis")
        : this(Rows(z), x, y, name, colorScale)
    {
    }

    /// <summary>The matrix, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Z { get; }

    /// <summary>Column labels, or null for indices.</summary>
    public IReadOnlyList<string>? X { get; }

    /// <summary>Row labels, or null for indices.</summary>
    public IReadOnlyList<string>? Y { get; }

    /// <summary>A plotly.js color scale name.</summary>
    public string ColorScale { get; }

    internal override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteCommon(writer, "heatmap");
        writer.WriteStartArray("z");
        foreach (var row in Z)
        {
            writer.WriteStartArray();
            foreach (var value in row)
            {
                if (double.IsFinite(value))
                {
                    writer.WriteNumberValue(value);
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        if (X is not null)
        {
            WriteStrings(writer, "x", X);
        }

        if (Y is not null)
        {
            WriteStrings(writer, "y", Y);
        }

        writer.WriteString("colorscale", ColorScale);
        writer.WriteEndObject();
    }

    private static double[][] Rows(double[,] z) =>
        Enumerable.Range(0, z.GetLength(0))
            .Select(r => Enumerable.Range(0, z.GetLength(1)).Select(c => z[r, c]).ToArray())
            .ToArray();
}
