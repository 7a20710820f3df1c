// The namespace is .NET Interactive's on purpose: its convention-based formatter discovery looks for
// an attribute with this name (and accepts this full name), so charts and tables render as HTML in
// VS Code Polyglot Notebooks without the library depending on .NET Interactive.
namespace Microsoft.DotNet.Interactive.Formatting;

/// <summary>
/// Points .NET Interactive (and the headless NotebookRunner) at the formatter source for a type.
/// Internal, so it never clashes with the real attribute in a notebook that imports its namespace.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a parameterless constructor and a public CreateTypeFormatters() method.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>MIME types the notebook should prefer for the type.</summary>
    public string[] PreferredMimeTypes { get; set; } = [];
}
