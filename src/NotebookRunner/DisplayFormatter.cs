using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Turns a value into an nbformat MIME bundle ("text/plain", and "text/html" when the value has an
/// HTML form), using the same convention .NET Interactive uses, so CI output matches VS Code's.
/// </summary>
/// <remarks>
/// .NET Interactive's convention-based formatter discovery (Formatter.cs in dotnet/interactive):
/// an attribute on the value's type whose class is NAMED <c>TypeFormatterSourceAttribute</c> (any
/// namespace or assembly) exposes <c>Type FormatterSourceType</c>; that type is created with its
/// parameterless constructor and its public <c>CreateTypeFormatters()</c> returns an enumerable of
/// formatters, each with a <c>string MimeType</c> property and a
/// <c>bool Format(object instance, TextWriter writer)</c> method (an optional <c>Type Type</c>
/// property narrows which values it handles). As a fallback the runner also accepts a public
/// parameterless <c>string ToHtml()</c> method.
/// </remarks>
internal static class DisplayFormatter
{
    private const int MaxItemsShown = 20;

    public static JsonObject Format(object? value)
    {
        var bundle = new Dictionary<string, string>();
        if (value is not null)
        {
            AddConventionFormats(value, bundle);
            if (!bundle.ContainsKey("text/html") && FindToHtml(value.GetType()) is { } toHtml
                && toHtml.Invoke(value, null) is string html)
            {
                bundle["text/html"] = html;
            }
        }

        bundle.TryAdd("text/plain", PlainText(value));

        var data = new JsonObject();
        foreach (var (mime, text) in bundle)
        {
            data[mime] = NotebookJson.ToLines(text);
        }

        return data;
    }

    /// <summary>Plain text like .NET Interactive's: "&lt;null&gt;", strings as they are, sequences as [ a, b ].</summary>
    public static string PlainText(object? value) => value switch
    {
        null => "<null>",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable sequence => Sequence(sequence),
        _ => value.ToString() ?? "",
    };

    private static string Sequence(IEnumerable sequence)
    {
        var items = new List<string>();
        foreach (var item in sequence)
        {
            if (items.Count == MaxItemsShown)
            {
                items.Add("...");
                break;
            }

            items.Add(PlainText(item));
        }

        return items.Count == 0 ? "[ ]" : $"[ {string.Join(", ", items)} ]";
    }

    private static void AddConventionFormats(object value, Dictionary<string, string> bundle)
    {
        foreach (var attribute in value.GetType().GetCustomAttributes(inherit: true))
        {
            var attributeType = attribute.GetType();
            if (attributeType.Name != "TypeFormatterSourceAttribute"
                || attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType
                || Activator.CreateInstance(sourceType, nonPublic: true) is not { } source
                || sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance)
                    ?.Invoke(source, null) is not IEnumerable formatters)
            {
                continue;
            }

            foreach (var formatter in formatters)
            {
                TryFormat(formatter, value, bundle);
            }
        }
    }

    private static void TryFormat(object formatter, object value, Dictionary<string, string> bundle)
    {
        var type = formatter.GetType();
        if (type.GetProperty("MimeType")?.GetValue(formatter) is not string mime || bundle.ContainsKey(mime))
        {
            return;
        }

        if (type.GetProperty("Type")?.GetValue(formatter) is Type handled && !handled.IsInstanceOfType(value))
        {
            return;
        }

        var format = type.GetMethod("Format", [typeof(object), typeof(TextWriter)]);
        if (format is null)
        {
            return;
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        if (format.Invoke(formatter, [value, writer]) is true)
        {
            bundle[mime] = writer.ToString();
        }
    }

    private static MethodInfo? FindToHtml(Type type)
    {
        var method = type.GetMethod("ToHtml", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return method?.ReturnType == typeof(string) ? method : null;
    }
}
