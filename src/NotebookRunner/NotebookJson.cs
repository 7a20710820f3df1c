using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Reads and writes .ipynb JSON the way VS Code does: keys sorted (ordinal) at every level,
/// one-space indentation, JSON.stringify's escaping and a trailing newline. Matching that layout
/// keeps the diff of a re-run notebook down to the outputs that really changed.
/// </summary>
public static class NotebookJson
{
    /// <summary>Parses notebook text; throws <see cref="InvalidDataException"/> when it is not a JSON object.</summary>
    public static JsonObject Parse(string json, string sourceName)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sourceName} is not valid JSON: {e.Message}", e);
        }

        return node as JsonObject ?? throw new InvalidDataException($"{sourceName} is not a JSON object.");
    }

    /// <summary>Serializes a notebook in VS Code's layout.</summary>
    public static string Serialize(JsonNode notebook)
    {
        var builder = new StringBuilder();
        Write(builder, notebook, 0);
        builder.Append('\n');
        return builder.ToString();
    }

    /// <summary>Writes text to <paramref name="path"/> through a temporary file and a rename, so a reader never sees half a file.</summary>
    public static void WriteAtomically(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Splits text into nbformat's line array: every line but the last keeps its "\n".</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(text[start..]);
                break;
            }

            lines.Add(text[start..(end + 1)]);
            start = end + 1;
        }

        return lines;
    }

    /// <summary>Joins an nbformat multiline value (a string or an array of strings) into one string.</summary>
    public static string JoinLines(JsonNode? value) => value switch
    {
        null => "",
        JsonArray array => string.Concat(array.Select(line => line?.GetValue<string>() ?? "")),
        _ => value.GetValue<string>(),
    };

    private static void Write(StringBuilder output, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                WriteObject(output, obj, depth);
                break;
            case JsonArray array:
                WriteArray(output, array, depth);
                break;
            default:
                WriteValue(output, node.AsValue());
                break;
        }
    }

    private static void WriteObject(StringBuilder output, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            output.Append("{}");
            return;
        }

        output.Append("{\n");
        var first = true;
        foreach (var (key, value) in obj.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                output.Append(",\n");
            }

            first = false;
            output.Append(' ', depth + 1);
            WriteString(output, key);
            output.Append(": ");
            Write(output, value, depth + 1);
        }

        output.Append('\n').Append(' ', depth).Append('}');
    }

    private static void WriteArray(StringBuilder output, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            output.Append("[]");
            return;
        }

        output.Append("[\n");
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                output.Append(",\n");
            }

            output.Append(' ', depth + 1);
            Write(output, array[i], depth + 1);
        }

        output.Append('\n').Append(' ', depth).Append(']');
    }

    private static void WriteValue(StringBuilder output, JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    WriteString(output, element.GetString()!);
                    return;
                case JsonValueKind.Number:
                    // Numbers read from the file keep their text, as JSON.stringify would print them back.
                    output.Append(element.GetRawText());
                    return;
                case JsonValueKind.True:
                    output.Append("true");
                    return;
                case JsonValueKind.False:
                    output.Append("false");
                    return;
                default:
                    output.Append("null");
                    return;
            }
        }

        if (value.TryGetValue<string>(out var text))
        {
            WriteString(output, text);
        }
        else if (value.TryGetValue<bool>(out var flag))
        {
            output.Append(flag ? "true" : "false");
        }
        else if (value.TryGetValue<long>(out var integer))
        {
            output.Append(integer.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.TryGetValue<int>(out var small))
        {
            output.Append(small.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.TryGetValue<double>(out var number))
        {
            output.Append(FormatNumber(number));
        }
        else
        {
            output.Append(value.ToJsonString());
        }
    }

    /// <summary>Formats a double as JavaScript's Number.prototype.toString does (shortest round-trip digits).</summary>
    internal static string FormatNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "null"; // JSON.stringify's choice for values JSON cannot hold.
        }

        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        var e = roundTrip.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return roundTrip;
        }

        var exponent = int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = roundTrip[..e];
        var sign = mantissa.StartsWith('-') ? "-" : "";
        var digits = mantissa.TrimStart('-').Replace(".", "", StringComparison.Ordinal);
        if (exponent >= 21 || exponent <= -7)
        {
            var fraction = digits.Length > 1 ? "." + digits[1..] : "";
            return $"{sign}{digits[0]}{fraction}e{(exponent > 0 ? "+" : "-")}{Math.Abs(exponent)}";
        }

        // Between 1e-7 and 1e21 JavaScript writes plain decimals.
        var point = 1 + exponent;
        if (point <= 0)
        {
            return $"{sign}0.{new string('0', -point)}{digits}";
        }

        return point >= digits.Length
            ? sign + digits + new string('0', point - digits.Length)
            : $"{sign}{digits[..point]}.{digits[point..]}";
    }

    private static void WriteString(StringBuilder output, string text)
    {
        output.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (c < 0x20 || IsLoneSurrogate(text, i))
                    {
                        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }

    private static bool IsLoneSurrogate(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
    }
}
