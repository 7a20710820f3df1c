using System.Text.Json;

namespace TextDiffusion.Reporting;

/// <summary>A line or scatter plot of numeric x and y, with optional ± error bars on y.</summary>
public sealed record ScatterTrace : Trace
{
    /// <summary>Creates the trace; <paramref name="errorY"/> (and <paramref name="errorYMinus"/> for lopsided bars), when given, need one value per point.</summary>
    public ScatterTrace(IReadOnlyList<double> x, IReadOnlyList<double> y, string? name = null,
        ScatterMode mode = ScatterMode.Lines, IReadOnlyList<double>? errorY = null, IReadOnlyList<double>? errorYMinus = null)
        : base(name)
    {
        RequireSameLength(x.Count, y.Count, "y");
        if (errorY is not null)
        {
            RequireSameLength(x.Count, errorY.Count, "errorY");
        }

        if (errorYMinus is not null)
        {
            RequireSameLength(x.Count, errorYMinus.Count, "errorYMinus");
            if (errorY is null)
            {
                throw new ArgumentException("errorYMinus needs errorY (the bars above).", nameof(errorYMinus));
            }
        }

        X = x;
        Y = y;
        Mode = mode;
        ErrorY = errorY;
        ErrorYMinus = errorYMinus;
    }

    /// <summary>X values.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Y values.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Lines, markers or both.</summary>
    public ScatterMode Mode { get; }

    /// <summary>± error per point, or null.</summary>
    public IReadOnlyList<double>? ErrorY { get; }

    /// <summary>− error per point when the bars are lopsided (then <see cref="ErrorY"/> is the + side), or null for ± <see cref="ErrorY"/>.</summary>
    public IReadOnlyList<double>? ErrorYMinus { get; }

    internal override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteCommon(writer, "scatter");
        writer.WriteString("mode", Mode switch
        {
            ScatterMode.Markers => "markers",
            ScatterMode.LinesAndMarkers => "lines+markers",
            _ => "lines",
        });
        WriteNumbers(writer, "x", X);
        WriteNumbers(writer, "y", Y);
        WriteErrorBars(writer, "error_y", ErrorY, ErrorYMinus);
        writer.WriteEndObject();
    }
}
