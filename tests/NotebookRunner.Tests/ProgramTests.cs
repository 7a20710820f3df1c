namespace NotebookRunner.Tests;

public sealed class ProgramTests
{
    [Fact]
    public async Task Exits_non_zero_naming_the_notebook_cell_and_error()
    {
        using var notebook = new TempNotebook(
            TempNotebook.Code("var ok = 1;"),
            TempNotebook.Code("throw new ArgumentException(\"broken on purpose\");"));

        var (exitCode, _, error) = await InvokeAsync(notebook.Path, "--in-place");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(notebook.Path, error, StringComparison.Ordinal);
        Assert.Contains("cell 2 failed", error, StringComparison.Ordinal);
        Assert.Contains("broken on purpose", error, StringComparison.Ordinal);
        Assert.Equal("error", notebook.Read()["cells"]![1]!["outputs"]![0]!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Succeeds_and_prints_progress_per_cell()
    {
        using var notebook = new TempNotebook(TempNotebook.Code("1"), TempNotebook.Code("2"));

        var (exitCode, output, _) = await InvokeAsync(notebook.Path, "--profile", "smoke");

        Assert.Equal(0, exitCode);
        Assert.Contains("[1/2] cell 1 done in", output, StringComparison.Ordinal);
        Assert.Contains("[2/2] cell 2 done in", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--profile", "huge")]
    [InlineData("--in-place", "--output", "x.ipynb")]
    [InlineData("--no-such-flag")]
    public async Task Rejects_bad_flags_and_values(params string[] flags)
    {
        using var notebook = new TempNotebook(TempNotebook.Code("1"));

        var (exitCode, _, _) = await InvokeAsync([notebook.Path, .. flags]);

        Assert.NotEqual(0, exitCode);
        Assert.Null(notebook.Read()["cells"]![0]!["execution_count"]);
    }

    private static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var (savedOut, savedError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var parse = Program.BuildCommand().Parse(args);
            var exitCode = await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }
}
