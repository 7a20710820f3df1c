using System.Text;

namespace TextDiffusion.Reporting;

/// <summary>Writes files through a temporary sibling and a rename, so readers never see a half-written result.</summary>
internal static class AtomicFile
{
    public static string WriteAllText(string path, string text) =>
        Write(path, temporary => File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    /// <summary>Moves a finished file into place (same folder, so the rename is atomic).</summary>
    public static string MoveInto(string finishedFile, string path) => Write(path, temporary => File.Move(finishedFile, temporary));

    private static string Write(string path, Action<string> writeTemporary)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return full;
    }
}
