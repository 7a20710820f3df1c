using System.Text;
using System.Text.Json;

namespace TextDiffusion.Data;

/// <summary>
/// Reads a file holding one JSON object whose properties are records (<c>{"id": {...}, "id2": [...]}</c>),
/// as the aNLG files are. Each property is mapped in file order. Errors carry the line number of the
/// property (or of the syntax error) and that line's text. The file is read whole (it is small); the
/// records are yielded lazily to match the other loaders.
/// </summary>
public static class JsonObjectFile
{
    /// <summary>Maps every top-level property (name, value) through <paramref name="map"/>.</summary>
    public static IEnumerable<T> Read<T>(string path, Func<string, JsonElement, T> map, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict();
        foreach (var value in ReadAll(path, map, options))
            yield return value;
    }

    private static List<T> ReadAll<T>(string path, Func<string, JsonElement, T> map, LoadOptions options)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int[] lineStarts = LineStarts(bytes);
        var results = new List<T>();
        int bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        var reader = new Utf8JsonReader(bytes.AsSpan(bom), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new DataFormatException(path, 1, LineText(bytes, lineStarts, 1), "expected a JSON object at the top level");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int line = LineOf(lineStarts, reader.TokenStartIndex + bom);
                string name = reader.GetString()!;
                reader.Read();
                using var doc = JsonDocument.ParseValue(ref reader);
                try
                {
                    results.Add(map(name, doc.RootElement));
                }
                catch (FormatException e)
                {
                    options.Report(new DataFormatException(path, line, LineText(bytes, lineStarts, line), $"record \"{name}\": {e.Message}", e));
                }
            }
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0) + 1;
            // A syntax error leaves the rest of the file unreadable, so it is never skipped.
            throw new DataFormatException(path, line, LineText(bytes, lineStarts, line), "invalid JSON: " + e.Message, e);
        }
        return results;
    }

    private static int[] LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        return starts.ToArray();
    }

    private static int LineOf(int[] lineStarts, long offset)
    {
        int index = Array.BinarySearch(lineStarts, (int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string LineText(byte[] bytes, int[] lineStarts, int line)
    {
        if (line < 1 || line > lineStarts.Length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.Length ? lineStarts[line] : bytes.Length;
        return Encoding.UTF8.GetString(bytes, start, end - start).TrimEnd('\r', '\n');
    }
}
