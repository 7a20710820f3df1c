using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>
/// Turns a cell's source into C# script code: drops a leading kernel selector (<c>#!csharp</c>),
/// and rejects what only .NET Interactive itself can do (NuGet restore, other kernels, magics).
/// Removed lines are replaced by blank ones so compiler line numbers still match the cell.
/// </summary>
internal static partial class CellSource
{
    private const string NugetAdvice =
        "the headless runner does not restore NuGet packages at run time. Build the library instead " +
        "(dotnet build src/TextDiffusion -c Release) and reference the DLL, e.g. " +
        "#r \"../src/TextDiffusion/bin/Release/net8.0/TextDiffusion.dll\"";

    /// <summary>Returns the code to compile, or throws <see cref="NotebookCellException"/>.</summary>
    public static string Prepare(string source, string? kernelName)
    {
        if (kernelName is not null && !NotebookFormat.CSharpKernelAliases.Contains(kernelName))
        {
            throw new NotebookCellException(
                $"the cell uses the '{kernelName}' kernel; the headless runner executes C# cells only.");
        }

        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = line[2..].Split(' ', 2)[0];
                if (i == 0 && NotebookFormat.CSharpKernelAliases.Contains(magic))
                {
                    lines[i] = "";
                    continue;
                }

                throw new NotebookCellException(i == 0 && !magic.Contains('#', StringComparison.Ordinal) && IsKnownKernel(magic)
                    ? $"the cell selects the '{magic}' kernel; the headless runner executes C# cells only."
                    : $"line {i + 1}: the magic command '#!{magic}' is a .NET Interactive feature the headless runner does not support.");
            }

            var nuget = NugetDirective().Match(line);
            if (nuget.Success)
            {
                throw new NotebookCellException($"line {i + 1}: {line} — {NugetAdvice}");
            }
        }

        return string.Join('\n', lines);
    }

    private static bool IsKnownKernel(string name) =>
        name is "fsharp" or "f#" or "fs" or "pwsh" or "powershell" or "javascript" or "js" or "html"
            or "markdown" or "md" or "mermaid" or "sql" or "kql" or "http" or "value";

    [GeneratedRegex("""^#[ri]\s+"\s*nuget\s*:""", RegexOptions.IgnoreCase)]
    private static partial Regex NugetDirective();
}
