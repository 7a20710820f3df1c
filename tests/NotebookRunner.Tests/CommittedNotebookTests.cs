using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>Every notebook committed under notebooks/ must be a C# Polyglot notebook VS Code opens with the right kernel.</summary>
public sealed class CommittedNotebookTests
{
    [Fact]
    public void Every_committed_notebook_is_a_valid_polyglot_csharp_notebook()
    {
        var folder = Path.Combine(RepositoryRoot(), "notebooks");
        var notebooks = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb") : [];

        var problems = notebooks
            .SelectMany(path => NotebookValidator.Validate(NotebookJson.Parse(File.ReadAllText(path), path))
                .Select(problem => $"{Path.GetFileName(path)}: {problem}"))
            .ToList();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task The_validator_accepts_what_the_runner_writes()
    {
        using var notebook = new TempNotebook(TempNotebook.Markdown("# T\ntext"), TempNotebook.Code("var x = 1;\nx"));
        Assert.True((await notebook.RunAsync()).Succeeded);

        var executed = notebook.Read();

        Assert.Equal(5, executed["nbformat_minor"]!.GetValue<int>());
        Assert.Empty(NotebookValidator.Validate(executed));
    }

    [Fact]
    public void The_validator_requires_unique_cell_ids_from_nbformat_4_5()
    {
        var notebook = NotebookFormat.CreateNotebook(NotebookFormat.CreateCodeCell("1"), NotebookFormat.CreateCodeCell("2"));
        notebook["nbformat_minor"] = 5;
        notebook["cells"]![0]!["id"] = "same";
        notebook["cells"]![1]!["id"] = "same";

        Assert.Contains("cell 2: nbformat 4.5 needs a unique id of 1-64 letters, digits, '-' or '_'", NotebookValidator.Validate(notebook));
    }

    [Fact]
    public void The_validator_reports_wrong_kernels_and_string_sources()
    {
        var notebook = NotebookFormat.CreateNotebook(NotebookFormat.CreateCodeCell("1"));
        notebook["metadata"]!["kernelspec"]!["name"] = "python3";
        var cell = notebook["cells"]![0]!.AsObject();
        cell["metadata"]!["polyglot_notebook"]!["kernelName"] = "fsharp";
        cell["source"] = "1";
        notebook["nbformat"] = 3;

        var problems = NotebookValidator.Validate(notebook);

        Assert.Contains(problems, p => p.Contains("nbformat must be 4", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("kernelspec", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cell 1: source must be an array", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cell 1: metadata.polyglot_notebook.kernelName", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Research.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Research.sln not found above {AppContext.BaseDirectory}");
    }
}
