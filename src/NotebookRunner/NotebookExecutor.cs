using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace NotebookRunner;

/// <summary>
/// Executes the C# cells of a Polyglot notebook headlessly, in order, in one Roslyn script state
/// (so variables and types carry from cell to cell as in .NET Interactive), and writes the
/// executed notebook back with its outputs, execution counts and per-cell wall times.
/// </summary>
/// <remarks>
/// Console output, the current directory (set to the notebook's folder, where relative
/// <c>#r</c> paths resolve) and TD_PROFILE are process-wide, so runs are serialized across all
/// executors in the process. One executor shares its assembly loader between notebooks, so a
/// library referenced by several notebooks is loaded once.
/// </remarks>
public sealed class NotebookExecutor : IDisposable
{
    /// <summary>
    /// The namespaces .NET Interactive's C# kernel imports, and no more: a notebook that compiles
    /// here must compile in VS Code too (System.IO, for one, needs an explicit using there).
    /// </summary>
    public static readonly ImmutableArray<string> DefaultImports =
    [
        "System",
        "System.Text",
        "System.Collections",
        "System.Collections.Generic",
        "System.Threading.Tasks",
        "System.Linq",
    ];

    /// <summary>Cell metadata key under which the runner records its measurements.</summary>
    public const string MetadataKey = "textdiffusion";

    private static readonly SemaphoreSlim OneRunAtATime = new(1, 1);

    private readonly InteractiveAssemblyLoader _assemblyLoader = new();

    /// <summary>Runs a notebook. Cell failures are reported in the result, not thrown.</summary>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook.</exception>
    public async Task<NotebookRunResult> RunAsync(
        string notebookPath,
        NotebookRunOptions? options = null,
        Action<CellProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new NotebookRunOptions();
        var fullPath = Path.GetFullPath(notebookPath);
        var outputPath = Path.GetFullPath(options.OutputPath ?? fullPath);
        var notebook = Notebook.Load(fullPath);
        var codeCells = notebook.Cells.Where(cell => cell.IsCode).ToList();

        await OneRunAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var savedDirectory = Environment.CurrentDirectory;
        var savedProfile = Environment.GetEnvironmentVariable(NotebookRunOptions.ProfileVariable);
        var watch = Stopwatch.StartNew();
        try
        {
            var notebookDirectory = Path.GetDirectoryName(fullPath)!;
            Environment.CurrentDirectory = notebookDirectory;
            if (options.Profile is not null)
            {
                Environment.SetEnvironmentVariable(NotebookRunOptions.ProfileVariable, options.Profile);
            }

            PrepareForRun(notebook, options.Profile ?? savedProfile);
            var session = new Session(CreateScriptOptions(notebookDirectory), _assemblyLoader);

            for (var i = 0; i < codeCells.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cell = codeCells[i];
                progress?.Invoke(new CellProgress(fullPath, cell.Number, i + 1, codeCells.Count, null, null));

                var cellWatch = Stopwatch.StartNew();
                var (outputs, failure) = await session.RunCellAsync(cell, i + 1, options.EchoOutput, cancellationToken)
                    .ConfigureAwait(false);
                var seconds = Math.Round(cellWatch.Elapsed.TotalSeconds, 3);

                RecordCell(cell, i + 1, outputs, seconds);
                notebook.Save(outputPath);
                progress?.Invoke(new CellProgress(fullPath, cell.Number, i + 1, codeCells.Count, seconds, failure is null));

                if (failure is not null)
                {
                    return new NotebookRunResult(fullPath, outputPath, i + 1, codeCells.Count, watch.Elapsed, failure);
                }
            }

            notebook.Save(outputPath);
            return new NotebookRunResult(fullPath, outputPath, codeCells.Count, codeCells.Count, watch.Elapsed, null);
        }
        finally
        {
            Environment.CurrentDirectory = savedDirectory;
            Environment.SetEnvironmentVariable(NotebookRunOptions.ProfileVariable, savedProfile);
            OneRunAtATime.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _assemblyLoader.Dispose();

    private static ScriptOptions CreateScriptOptions(string notebookDirectory) =>
        ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithImports(DefaultImports)
            .AddReferences(typeof(NotebookGlobals).Assembly)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(notebookDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, notebookDirectory))
            .WithOptimizationLevel(OptimizationLevel.Release);

    /// <summary>Clears every earlier output, so a failed run never leaves stale results below the failure.</summary>
    private static void PrepareForRun(Notebook notebook, string? profile)
    {
        foreach (var cell in notebook.Cells.Where(cell => cell.IsCode))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.Metadata.Remove(MetadataKey);
        }

        if (profile is not null)
        {
            notebook.Metadata[MetadataKey] = new JsonObject { ["profile"] = profile };
        }
    }

    private static void RecordCell(NotebookCell cell, int executionCount, IReadOnlyList<JsonObject> outputs, double seconds)
    {
        cell.ExecutionCount = executionCount;
        foreach (var output in outputs)
        {
            cell.Outputs.Add(output);
        }

        cell.Metadata[MetadataKey] = new JsonObject { ["wall_seconds"] = seconds };
    }

    /// <summary>
    /// Whether the cell ends in an expression without a semicolon whose type is not void: the
    /// value .NET Interactive shows as the cell's result.
    /// </summary>
    private static bool HasTrailingValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        if (tree.GetRoot() is not CompilationUnitSyntax { Members: [.., GlobalStatementSyntax last] }
            || last.Statement is not ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement)
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>An error output for an exception, its traceback cut where the runner's own frames begin.</summary>
    private static CellFailure Failure(NotebookCell cell, Exception exception)
    {
        var lines = exception.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var runnerFrame = lines.FindIndex(line => line.TrimStart().StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal));
        if (runnerFrame > 0)
        {
            lines.RemoveRange(runnerFrame, lines.Count - runnerFrame);
            if (lines[^1].StartsWith("--- End of stack trace", StringComparison.Ordinal))
            {
                lines.RemoveAt(lines.Count - 1);
            }
        }

        return new CellFailure(cell.Number, exception.GetType().FullName ?? exception.GetType().Name, exception.Message, lines);
    }

    /// <summary>The script state of one notebook run.</summary>
    private sealed class Session(ScriptOptions scriptOptions, InteractiveAssemblyLoader assemblyLoader)
    {
        private readonly NotebookGlobals _globals = new();
        private ScriptState<object>? _state;

        public async Task<(IReadOnlyList<JsonObject> Outputs, CellFailure? Failure)> RunCellAsync(
            NotebookCell cell, int executionCount, bool echo, CancellationToken cancellationToken)
        {
            var outputs = new CellOutputs();
            var failure = await RunCapturedAsync(cell, executionCount, outputs, echo, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                outputs.AddError(failure);
            }

            return (outputs.Snapshot(), failure);
        }

        private async Task<CellFailure?> RunCapturedAsync(
            NotebookCell cell, int executionCount, CellOutputs outputs, bool echo, CancellationToken cancellationToken)
        {
            Script<object> script;
            try
            {
                var code = CellSource.Prepare(cell.Source, cell.KernelName);
                script = _state is null
                    ? CSharpScript.Create(code, scriptOptions, typeof(NotebookGlobals), assemblyLoader)
                    : _state.Script.ContinueWith(code, scriptOptions);
            }
            catch (NotebookCellException e)
            {
                return new CellFailure(cell.Number, "UnsupportedCell", e.Message, [e.Message]);
            }

            var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                return new CellFailure(
                    cell.Number,
                    "CompilationError",
                    string.Join(" ", errors.Select(e => $"{e.Id}: {e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")),
                    errors.Select(e => e.ToString()).ToList());
            }

            var hasResult = HasTrailingValue(script.GetCompilation());
            var realOut = Console.Out;
            var realError = Console.Error;
            Console.SetOut(TextWriter.Synchronized(new CapturingWriter(outputs, "stdout", echo ? realOut : null)));
            Console.SetError(TextWriter.Synchronized(new CapturingWriter(outputs, "stderr", echo ? realError : null)));
            _globals.Current = outputs;
            try
            {
                _state = _state is null
                    ? await script.RunAsync(_globals, cancellationToken).ConfigureAwait(false)
                    : await script.RunFromAsync(_state, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Failure(cell, e);
            }
            finally
            {
                Console.Out.Flush();
                Console.Error.Flush();
                Console.SetOut(realOut);
                Console.SetError(realError);
            }

            if (!hasResult)
            {
                return null;
            }

            try
            {
                outputs.AddResult(DisplayFormatter.Format(_state.ReturnValue), executionCount);
                return null;
            }
            catch (Exception e)
            {
                // A value's own formatter threw while the result was being shown.
                return Failure(cell, (e as System.Reflection.TargetInvocationException)?.InnerException ?? e);
            }
        }
    }
}
