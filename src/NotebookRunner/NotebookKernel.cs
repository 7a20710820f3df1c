using System.Reactive.Linq;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookRunner;

/// <summary>
/// .NET Interactive's C# kernel, in process, set up as the dotnet-interactive tool sets it up for VS Code
/// (<c>KernelBuilder.CreateKernel</c> in dotnet/interactive): a <see cref="CompositeKernel"/> holding a
/// <see cref="CSharpKernel"/> with <c>#r "nuget:…"</c>, the kernel helpers (<c>display</c>, <c>HTML</c>),
/// <c>#!who</c> and value sharing. One instance is one notebook run: cells share its script state.
/// </summary>
internal sealed class NotebookKernel : IDisposable
{
    private readonly CompositeKernel _root;

    public NotebookKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(package => package.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        _root = new CompositeKernel();
        _root.Add(csharp, ["c#", "C#"]);
        _root.DefaultKernelName = csharp.Name;
    }

    /// <summary>
    /// Submits one cell and turns the kernel's events into the cell's outputs, in the order they happen.
    /// <paramref name="echo"/>, when given, also receives the cell's console text as it is written.
    /// </summary>
    public async Task<(CellOutputs Outputs, CommandFailed? Failure)> SubmitAsync(
        string code, string? kernelName, TextWriter? echo, CancellationToken cancellationToken)
    {
        var outputs = new CellOutputs();
        var command = new SubmitCode(code, kernelName);
        using var subscription = _root.KernelEvents.Subscribe(e =>
        {
            outputs.Add(e);
            if (echo is not null && e is StandardOutputValueProduced or StandardErrorValueProduced)
            {
                echo.Write(CellOutputs.PlainText((DisplayEvent)e));
                echo.Flush();
            }
        });

        var result = await _root.SendAsync(command, cancellationToken).ConfigureAwait(false);
        var failure = result.Events.OfType<CommandFailed>().FirstOrDefault(f => f.Command == command)
            ?? result.Events.OfType<CommandFailed>().FirstOrDefault();
        return (outputs, failure);
    }

    public void Dispose() => _root.Dispose();
}
