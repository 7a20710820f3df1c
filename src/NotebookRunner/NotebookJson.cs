using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// The raw JSON side of .ipynb files, for checks the document model does not expose (the validator,
/// a clear error for a file that is not JSON) and for atomic writes. Executed notebooks are written by
/// .NET Interactive's own serializer (<see cref="NotebookDocument"/>).
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
}
