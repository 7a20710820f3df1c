namespace TextDiffusion.Cli.Tests;

/// <summary>Runs <c>td</c> in process, as a user would type it, and captures what it prints.</summary>
internal static class Td
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = await Program.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A folder under the system temp directory, deleted on dispose.</summary>
    public sealed class Folder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("td-cli-").FullName;

        public string Write(string name, string text)
        {
            string path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public string Of(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
