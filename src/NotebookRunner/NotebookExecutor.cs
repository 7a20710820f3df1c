using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookRunner;

/// <summary>
/// Executes a notebook headlessly with .NET Interactive's C# kernel (<see cref="NotebookKernel"/>), cell by
/// cell in one kernel, and writes the executed notebook back with the kernel's outputs, execution counts
/// and per-cell wall times. The notebook is saved after every cell, so a long run shows its progress and
/// a failure leaves the outputs up to the failing cell.
/// </summary>
/// <remarks>
/// The current directory (the notebook's folder, where relative <c>#r</c> paths resolve, as in VS Code),
/// TD_PROFILE and the console are process-wide, so runs are serialized across all executors in the process.
/// </remarks>
public sealed class NotebookExecutor
{
    /// <summary>Cell and notebook metadata key under which the runner records its measurements.</summary>
    public const string MetadataKey = "textdiffusion";

    private static readonly SemaphoreSlim OneRunAtATime = new(1, 1);

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
        var document = NotebookDocument.Load(fullPath);
        var codeCells = document.Elements
            .Select((element, index) => (Element: element, Number: index + 1))
            .Where(cell => NotebookDocument.IsCode(cell.Element))
            .ToList();

        await OneRunAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var savedDirectory = Environment.CurrentDirectory;
        var savedProfile = Environment.GetEnvironmentVariable(NotebookRunOptions.ProfileVariable);
        var echo = options.EchoOutput ? Console.Out : null;
        var watch = Stopwatch.StartNew();
        try
        {
            Environment.CurrentDirectory = Path.GetDirectoryName(fullPath)!;
            if (options.Profile is not null)
            {
                Environment.SetEnvironmentVariable(NotebookRunOptions.ProfileVariable, options.Profile);
            }

            PrepareForRun(document, options.Profile ?? savedProfile);
            using var kernel = new NotebookKernel();
            for (var i = 0; i < codeCells.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (element, number) = codeCells[i];
                progress?.Invoke(new CellProgress(fullPath, number, i + 1, codeCells.Count, null, null));

                var cellWatch = Stopwatch.StartNew();
                var (outputs, failed) = await kernel.SubmitAsync(element.Contents, element.KernelName, echo, cancellationToken)
                    .ConfigureAwait(false);
                var seconds = Math.Round(cellWatch.Elapsed.TotalSeconds, 3);
                var failure = failed is null ? null : Failure(number, failed);
                if (failure is not null)
                {
                    outputs.AddFailure(failure);
                }

                RecordCell(element, i + 1, outputs, seconds);
                NotebookDocument.Save(document, outputPath);
                progress?.Invoke(new CellProgress(fullPath, number, i + 1, codeCells.Count, seconds, failure is null));

                if (failure is not null)
                {
                    return new NotebookRunResult(fullPath, outputPath, i + 1, codeCells.Count, watch.Elapsed, failure);
                }
            }

            NotebookDocument.Save(document, outputPath);
            return new NotebookRunResult(fullPath, outputPath, codeCells.Count, codeCells.Count, watch.Elapsed, null);
        }
        finally
        {
            Environment.CurrentDirectory = savedDirectory;
            Environment.SetEnvironmentVariable(NotebookRunOptions.ProfileVariable, savedProfile);
            OneRunAtATime.Release();
        }
    }

    /// <summary>Clears every earlier output, so a failed run never leaves stale results below the failure.</summary>
    private static void PrepareForRun(InteractiveDocument document, string? profile)
    {
        foreach (var element in document.Elements.Where(NotebookDocument.IsCode))
        {
            element.Outputs.Clear();
            element.ExecutionOrder = 0;
            element.Metadata?.Remove(MetadataKey);
        }

        if (profile is not null)
        {
            document.Metadata[MetadataKey] = new Dictionary<string, object> { ["profile"] = profile };
        }
    }

    private static void RecordCell(InteractiveDocumentElement element, int executionCount, CellOutputs outputs, double seconds)
    {
        element.ExecutionOrder = executionCount;
        element.Outputs.AddRange(outputs.ToElements(executionCount));
        element.Metadata ??= new Dictionary<string, object>();
        element.Metadata[MetadataKey] = new Dictionary<string, object> { ["wall_seconds"] = seconds };
    }

    /// <summary>
    /// The failure in nbformat's terms: a compilation error as its diagnostics (cell line numbers), an
    /// exception as its type, message and stack trace cut where the kernel's own frames begin.
    /// </summary>
    private static CellFailure Failure(int cellNumber, CommandFailed failed)
    {
        switch (failed.Exception)
        {
            case CodeSubmissionCompilationErrorException:
                var diagnostics = failed.Message.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToList();
                return new CellFailure(cellNumber, "CompilationError", string.Join(" ", diagnostics), diagnostics);
            case { } exception:
                var lines = exception.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
                var kernelFrame = lines.FindIndex(line => line.TrimStart().StartsWith("at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal)
                    || line.TrimStart().StartsWith("at Microsoft.DotNet.Interactive.", StringComparison.Ordinal));
                if (kernelFrame > 0)
                {
                    lines.RemoveRange(kernelFrame, lines.Count - kernelFrame);
                    if (lines[^1].StartsWith("--- End of stack trace", StringComparison.Ordinal))
                    {
                        lines.RemoveAt(lines.Count - 1);
                    }
                }

                return new CellFailure(cellNumber, exception.GetType().FullName ?? exception.GetType().Name, exception.Message, lines);
            default:
                return new CellFailure(cellNumber, "Error", failed.Message, failed.Message.Split('\n'));
        }
    }
}
