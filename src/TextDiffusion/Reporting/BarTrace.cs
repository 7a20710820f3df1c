using System.Text.Json;

namespace TextDiffusion.Reporting;

/// <summary>Bars over named categories, with optional ± error bars.</summary>
public sealed record BarTrace : Trace
{
    /// <summary>Creates the trace; <paramref name="errorY"/>, when given, needs one value per bar.</summary>
    public BarTrace(IReadOnlyList<string> categories, IReadOnlyList<double> values, string? name = null,
        IReadOnlyList<double>? errorY = null)
        : base(name)
    {
        RequireSameLength(categories.Count, values.Count, "values");
        if (errorY is not null)
        {
            RequireSameLength(categories.Count, errorY.Count, "errorY");
        }

        Categories = categories;
        Values = values;
        ErrorY = errorY;
    }

    /// <summary>Bar labels (the x axis).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Bar heights.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>± error per bar, or null.</summary>
    public IReadOnlyList<double>? ErrorY { get; }

    internal override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        WriteCommon(writer, "bar");
        WriteStrings(writer, "x", Categories);
        WriteNumbers(writer, "y", Values);
        WriteErrorBars(writer, "error_y", ErrorY);
        writer.WriteEndObject();
    }
}
