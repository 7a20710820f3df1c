using System.Collections;
using System.Reflection;

namespace TextDiffusion.Tests.Reporting;

/// <summary>
/// Formats a value the way .NET Interactive's convention-based discovery does (attribute matched
/// by name, formatter source created by reflection, MimeType + Format(object, TextWriter)), to
/// prove our types render in VS Code without referencing .NET Interactive.
/// </summary>
internal static class NotebookConvention
{
    public static (string? Html, string? Plain, string[] PreferredMimeTypes) Format(object value)
    {
        var attribute = value.GetType().GetCustomAttributes(inherit: true)
            .Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        Assert.Equal("Microsoft.DotNet.Interactive.Formatting.TypeFormatterSourceAttribute", attribute.GetType().FullName);

        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var preferred = (string[])attribute.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attribute)!;
        var source = Activator.CreateInstance(sourceType)!;
        var formatters = (IEnumerable)sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance)!.Invoke(source, null)!;

        string? html = null, plain = null;
        foreach (var formatter in formatters)
        {
            var mime = (string)formatter.GetType().GetProperty("MimeType")!.GetValue(formatter)!;
            var format = formatter.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!;
            Assert.Equal(typeof(bool), format.ReturnType);
            using var writer = new StringWriter();
            Assert.True((bool)format.Invoke(formatter, [value, writer])!);
            if (mime == "text/html")
            {
                html = writer.ToString();
            }
            else if (mime == "text/plain")
            {
                plain = writer.ToString();
            }
        }

        return (html, plain, preferred);
    }
}
