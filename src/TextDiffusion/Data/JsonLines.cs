using System.Text.Json;

namespace TextDiffusion.Data;

/// <summary>
/// Reads files with one JSON value per line (JSON Lines), lazily. Each line is parsed and handed to a
/// mapping function; invalid JSON, or a value of the wrong shape (the mapper throws
/// <see cref="FormatException"/>), is reported with path, line number and the line's text.
/// Blank lines are passed over.
/// </summary>
public static class JsonLines
{
    /// <summary>Maps every non-blank line of <paramref name="path"/> through <paramref name="map"/>.</summary>
    public static IEnumerable<T> Read<T>(string path, Func<JsonElement, T> map, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        foreach (var line in LineReader.Read(path))
        {
            if (string.IsNullOrWhiteSpace(line.Text)) continue;
            T value;
            try
            {
                using var doc = JsonDocument.Parse(line.Text);
                value = map(doc.RootElement);
            }
            catch (JsonException e)
            {
                options.Report(new DataFormatException(path, line.Number, line.Text, "invalid JSON: " + e.Message, e));
                continue;
            }
            catch (FormatException e)
            {
                options.Report(new DataFormatException(path, line.Number, line.Text, e.Message, e));
                continue;
            }
            yield return value;
        }
    }

    /// <summary>The element's string items; throws <see cref="FormatException"/> when it is not an array of strings.</summary>
    public static IReadOnlyList<string> StringArray(JsonElement e, string what)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new FormatException($"{what}: expected a JSON array, found {e.ValueKind}");
        var items = new List<string>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw new FormatException($"{what}: expected strings, found {item.ValueKind}");
            items.Add(item.GetString()!);
        }
        return items;
    }

    /// <summary>The named property of an object; throws <see cref="FormatException"/> when it is missing.</summary>
    public static JsonElement Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw new FormatException($"expected a JSON object, found {obj.ValueKind}");
        if (!obj.TryGetProperty(name, out var value)) throw new FormatException($"missing property \"{name}\"");
        return value;
    }

    /// <summary>The string value of the named property; throws <see cref="FormatException"/> when missing or not a string.</summary>
    public static string StringProperty(JsonElement obj, string name)
    {
        var value = Property(obj, name);
        if (value.ValueKind != JsonValueKind.String) throw new FormatException($"property \"{name}\": expected a string, found {value.ValueKind}");
        return value.GetString()!;
    }
}
