using System.Text.Json;

namespace TextDiffusion.Reporting;

/// <summary>One plotly.js trace of a <see cref="Figure"/>.</summary>
/// <param name="Name">Legend entry; null leaves the trace unnamed.</param>
public abstract record Trace(string? Name)
{
    /// <summary>Writes the trace as a plotly.js trace object.</summary>
    internal abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>Writes the properties every trace shares.</summary>
    private protected void WriteCommon(Utf8JsonWriter writer, string type)
    {
        writer.WriteString("type", type);
        if (Name is not null)
        {
            writer.WriteString("name", Name);
        }
    }

    /// <summary>Writes numbers, with NaN and infinities as null (plotly leaves a gap).</summary>
    private protected static void WriteNumbers(Utf8JsonWriter writer, string property, IEnumerable<double> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values)
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

    private protected static void WriteStrings(Utf8JsonWriter writer, string property, IEnumerable<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Error bars: +value per point, and −minus per point when <paramref name="minus"/> is given (else symmetric).</summary>
    private protected static void WriteErrorBars(Utf8JsonWriter writer, string property, IReadOnlyList<double>? errors, IReadOnlyList<double>? minus = null)
    {
        if (errors is null)
        {
            return;
        }

        writer.WriteStartObject(property);
        writer.WriteString("type", "data");
        WriteNumbers(writer, "array", errors);
        if (minus is not null)
        {
            writer.WriteBoolean("symmetric", false);
            WriteNumbers(writer, "arrayminus", minus);
        }

        writer.WriteBoolean("visible", true);
        writer.WriteEndObject();
    }

    private protected static void RequireSameLength(int expected, int actual, string what)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"{what} has {actual} values but the trace has {expected} points.");
        }
    }
}
