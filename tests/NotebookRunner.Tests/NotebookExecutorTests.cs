namespace NotebookRunner.Tests;

public sealed class NotebookExecutorTests
{
    [Fact]
    public async Task Runs_cells_in_one_state_and_records_streams_display_and_result()
    {
        using var notebook = new TempNotebook(
            TempNotebook.Markdown("# Title"),
            TempNotebook.Code("#!csharp\nvar answer = 40;\nConsole.WriteLine(\"hello\");\nConsole.Error.WriteLine(\"careful\");"),
            TempNotebook.Code("display(new List<int> { 1, 2, 3 });\nawait Task.Delay(1);\nanswer + 2"),
            TempNotebook.Code("Console.Write(\"a\");\nConsole.Write(\"b\\n\");\nConsole.WriteLine(\"c\")"));

        var result = await notebook.RunAsync();

        Assert.True(result.Succeeded, result.Failure?.Describe(notebook.Path));
        Assert.Equal(3, result.CellsExecuted);
        var executed = notebook.Read();

        Assert.Equal("hello\n", TempNotebook.Text(StreamOf(executed, 2, "stdout")["text"]));
        Assert.Equal("careful\n", TempNotebook.Text(StreamOf(executed, 2, "stderr")["text"]));

        var display = TempNotebook.Output(executed, 3, "display_data");
        Assert.Equal("[ 1, 2, 3 ]", TempNotebook.Shown(display));

        var value = TempNotebook.Output(executed, 3, "execute_result");
        Assert.Equal("42", TempNotebook.Shown(value));
        Assert.Equal(2, value["execution_count"]!.GetValue<int>());

        // Consecutive writes to one stream merge into one output, split into lines.
        var stream = StreamOf(executed, 4, "stdout");
        Assert.Equal(["ab\n", "c\n"], stream["text"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Single(TempNotebook.Outputs(executed, 4)); // a void call yields no execute_result

        var cells = executed["cells"]!.AsArray();
        Assert.Equal([1, 2, 3], cells.Skip(1).Select(c => c!["execution_count"]!.GetValue<int>()));
        Assert.All(cells.Skip(1), c => Assert.True(c!["metadata"]!["textdiffusion"]!["wall_seconds"]!.GetValue<double>() >= 0));
        Assert.Null(cells[0]!["execution_count"]);
        Assert.Equal(5, executed["nbformat_minor"]!.GetValue<int>());
        Assert.All(cells, c => Assert.Matches("^[a-zA-Z0-9_-]{1,64}$", c!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task References_a_dll_relative_to_the_notebook_folder()
    {
        using var notebook = new TempNotebook(
            TempNotebook.Code("#r \"lib/xunit.assert.dll\"\nXunit.Assert.Equal(2, 1 + 1);\ntypeof(Xunit.Assert).Assembly.GetName().Name"));
        var lib = Directory.CreateDirectory(Path.Combine(notebook.Directory, "lib"));
        File.Copy(typeof(Assert).Assembly.Location, Path.Combine(lib.FullName, "xunit.assert.dll"));

        var result = await notebook.RunAsync();

        Assert.True(result.Succeeded, result.Failure?.Describe(notebook.Path));
        var value = TempNotebook.Output(notebook.Read(), 1, "execute_result");
        Assert.Equal("xunit.assert", TempNotebook.Text(value["data"]!["text/plain"]));
    }

    [Fact]
    public async Task Without_the_reference_the_same_cell_does_not_compile()
    {
        using var notebook = new TempNotebook(TempNotebook.Code("Xunit.Assert.Equal(2, 1 + 1);"));

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("CompilationError", result.Failure!.ErrorName);
    }

    [Fact]
    public async Task Runs_in_the_notebook_folder_with_the_profile_set_and_restores_both()
    {
        var before = Environment.CurrentDirectory;
        Environment.SetEnvironmentVariable(NotebookRunOptions.ProfileVariable, null);
        using var notebook = new TempNotebook(
            TempNotebook.Code("Environment.CurrentDirectory + \"|\" + Environment.GetEnvironmentVariable(\"TD_PROFILE\")"));

        var result = await notebook.RunAsync(new NotebookRunOptions(Profile: "smoke"));

        Assert.True(result.Succeeded, result.Failure?.Describe(notebook.Path));
        var executed = notebook.Read();
        var value = TempNotebook.Text(TempNotebook.Output(executed, 1, "execute_result")["data"]!["text/plain"]);
        Assert.Equal($"{new DirectoryInfo(notebook.Directory).FullName}|smoke", value);
        Assert.Equal("smoke", executed["metadata"]!["textdiffusion"]!["profile"]!.GetValue<string>());
        Assert.Equal(before, Environment.CurrentDirectory);
        Assert.Null(Environment.GetEnvironmentVariable(NotebookRunOptions.ProfileVariable));
    }

    [Fact]
    public async Task Display_and_results_carry_the_mime_types_the_kernels_formatters_choose()
    {
        const string code = """
            using Microsoft.DotNet.Interactive.Formatting;

            public record Chart(string Name);
            Formatter.Register<Chart>((chart, writer) => writer.Write($"<b>{chart.Name}</b>"), HtmlFormatter.MimeType);
            Formatter.SetPreferredMimeTypesFor(typeof(Chart), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);

            display(new Chart("loss"));
            "a string result"
            """;
        using var notebook = new TempNotebook(TempNotebook.Code(code));

        var result = await notebook.RunAsync();

        Assert.True(result.Succeeded, result.Failure?.Describe(notebook.Path));
        var executed = notebook.Read();
        var display = TempNotebook.Output(executed, 1, "display_data");
        Assert.Equal(["text/html", "text/plain"], display["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("<b>loss</b>", TempNotebook.Text(display["data"]!["text/html"]));
        Assert.StartsWith("Chart", TempNotebook.Text(display["data"]!["text/plain"]), StringComparison.Ordinal);
        var value = TempNotebook.Output(executed, 1, "execute_result");
        Assert.Equal(["text/plain"], value["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("a string result", TempNotebook.Text(value["data"]!["text/plain"]));
    }

    [Fact]
    public async Task A_nuget_reference_is_restored_and_usable()
    {
        using var notebook = new TempNotebook(TempNotebook.Code(
            "#r \"nuget: MathNet.Numerics, 5.0.0\"\nMathNet.Numerics.Euclid.GreatestCommonDivisor(12L, 18L)"));

        var result = await notebook.RunAsync();

        Assert.True(result.Succeeded, result.Failure?.Describe(notebook.Path));
        Assert.Equal("6", TempNotebook.Shown(TempNotebook.Output(notebook.Read(), 1, "execute_result")));
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_and_records_the_error_in_that_cell()
    {
        using var notebook = new TempNotebook(
            TempNotebook.Code("Console.WriteLine(\"before\");"),
            TempNotebook.Markdown("text"),
            TempNotebook.Code("Console.WriteLine(\"partial\");\nthrow new InvalidOperationException(\"deliberate\");"),
            TempNotebook.Code("Console.WriteLine(\"never\");"));

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.Failure!.CellNumber);
        Assert.Equal("System.InvalidOperationException", result.Failure.ErrorName);
        Assert.Equal(2, result.CellsExecuted);

        var executed = notebook.Read();
        Assert.Equal("partial\n", TempNotebook.Text(StreamOf(executed, 3, "stdout")["text"]));
        var error = TempNotebook.Output(executed, 3, "error");
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Equal("deliberate", error["evalue"]!.GetValue<string>());
        var traceback = error["traceback"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.StartsWith("System.InvalidOperationException: deliberate", traceback[0]);
        Assert.DoesNotContain(traceback, line => line.Contains("NotebookRunner", StringComparison.Ordinal));

        var last = executed["cells"]![3]!;
        Assert.Null(last["execution_count"]);
        Assert.Empty(last["outputs"]!.AsArray());
    }

    [Fact]
    public async Task A_compile_error_names_the_diagnostic_with_cell_line_numbers()
    {
        using var notebook = new TempNotebook(TempNotebook.Code("var x = 1;\nConsole.WriteLine(y);"));

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal("CompilationError", result.Failure!.ErrorName);
        Assert.Contains("CS0103", result.Failure.ErrorValue, StringComparison.Ordinal);
        Assert.StartsWith("(2,19): error CS0103", result.Failure.Traceback[0], StringComparison.Ordinal);
        Assert.Single(TempNotebook.Outputs(notebook.Read(), 1));
    }

    [Fact]
    public async Task Cells_of_other_kernels_are_refused()
    {
        using var notebook = new TempNotebook(TempNotebook.Code("#!fsharp\nlet x = 1"));

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        Assert.Contains("fsharp", result.Failure!.ErrorValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_to_the_output_path_and_leaves_the_source_unchanged()
    {
        using var notebook = new TempNotebook(TempNotebook.Code("1 + 1"));
        var original = File.ReadAllText(notebook.Path);
        var output = Path.Combine(notebook.Directory, "out", "executed.ipynb");

        var result = await notebook.RunAsync(new NotebookRunOptions(OutputPath: output));

        Assert.True(result.Succeeded);
        Assert.Equal(original, File.ReadAllText(notebook.Path));
        Assert.Equal("2", TempNotebook.Shown(TempNotebook.Output(notebook.Read(output), 1, "execute_result")));
        Assert.Empty(Directory.GetFiles(Path.Combine(notebook.Directory, "out"), "*.tmp"));
    }

    [Fact]
    public async Task Rerunning_clears_stale_outputs()
    {
        using var notebook = new TempNotebook(TempNotebook.Code("1"), TempNotebook.Code("2"));
        Assert.True((await notebook.RunAsync()).Succeeded);
        var json = notebook.Read();
        json["cells"]![0]!["source"] = NotebookJson.ToLines("throw new Exception(\"now failing\");");
        File.WriteAllText(notebook.Path, json.ToJsonString());

        var result = await notebook.RunAsync();

        Assert.False(result.Succeeded);
        var second = notebook.Read()["cells"]![1]!;
        Assert.Empty(second["outputs"]!.AsArray());
        Assert.Null(second["metadata"]!["textdiffusion"]);
    }

    private static System.Text.Json.Nodes.JsonObject StreamOf(System.Text.Json.Nodes.JsonObject notebook, int cell, string name) =>
        TempNotebook.Outputs(notebook, cell)
            .Single(o => o!["output_type"]!.GetValue<string>() == "stream" && o["name"]!.GetValue<string>() == name)!
            .AsObject();
}
