using System.Text.Json;

namespace TextDiffusion.Reporting;

/// <summary>Bars over named categories, with optional ± error bars.</summary>
public sealed record BarTrace : Trace
{
    /// <summary>Creates the trace; <paramref name="errorY"/> (and <paramref name="errorYMinus"/> for lopsided bars), when given, need one value per bar.</summary>
    public BarTrace(IReadOnlyList<string> categories, IReadOnlyList<double> values, string? name = null,
        IReadOnlyList<double>? errorY = null, IReadOnlyList<double>? errorYMinus = null)
        : base(name)
    {
        RequireSameLength(categories.Count, values.Count, "values");
        if (errorY is not null)
        {
            RequireSameLength(categories.Count, errorY.Count, "errorY");
        }

        if (errorYMinus is not null)
        {
            RequireSameLength(categories.Count, errorYMinus.Count, "errorYMinus");
            if (errorY is null)
            {
                throw new ArgumentException("errorYMinus needs errorY (the bars above).", nameof(errorYMinus));
            }
        }

        Categories = categories;
        Values = values;
        ErrorY = errorY;
        ErrorYMinus = errorYMinus;
    }

    /// <summary>Bar labels (the x axis).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Bar heights.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>± error per bar, or null.</summary>
    public IReadOnlyList<double>? ErrorY { get; }

    /// <summary>− error per bar when the bars are lopsided (then <see cref="ErrorY"/> is the + side), or null for ± <see cref="ErrorY"/>.</summary>
    public IReadOnlyList<double>? ErrorYMinus { get; }

    internal override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteCommon(writer, "bar");
        WriteStrings(writer, "x", Categories);
        WriteNumbers(writer, "y", Values);
        WriteErrorBars(writer, "error_y", ErrorY, ErrorYMinus);
        writer.WriteEndObject();
    }
}
