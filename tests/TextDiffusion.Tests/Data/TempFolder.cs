using System.Text;

namespace TextDiffusion.Tests.Data;

/// <summary>A fresh folder under the system temp directory for fixture files; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "td-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes <paramref name="content"/> (UTF-8, no BOM) to a file under the folder and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        string full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content, new UTF8Encoding(false));
        return full;
    }

    /// <summary>Full path of a file under the folder (need not exist).</summary>
    public string PathOf(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
