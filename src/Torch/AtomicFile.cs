using System.Text;

namespace Torch;

/// <summary>
/// Writes a file so that readers see the old or the new version, never half of one: the content goes
/// to a temporary sibling (same folder, so the rename is atomic) that then replaces the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> with a temporary path beside <paramref name="path"/>, then renames it into place; returns the full path.</summary>
    public static string Write(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return full;
    }

    /// <summary>UTF-8 text without a byte-order mark.</summary>
    public static string WriteAllText(string path, string text) =>
        Write(path, tmp => File.WriteAllText(tmp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    public static string WriteAllBytes(string path, byte[] bytes) => Write(path, tmp => File.WriteAllBytes(tmp, bytes));

    /// <summary>Moves a finished file into place.</summary>
    public static string MoveInto(string finishedFile, string path) => Write(path, tmp => File.Move(finishedFile, tmp));
}
