using System.Text;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotebookRunner;

/// <summary>
/// One cell's outputs, collected from the kernel's events in the order they happen and written as
/// nbformat outputs: console text (merged into the previous stream output of the same name, as
/// Jupyter does), displayed values (<c>display_data</c>, replaced in place when the value is updated),
/// the cell's value (<c>execute_result</c>) and errors. Each displayed value keeps exactly the MIME
/// types the kernel formatted it as. Events can arrive from several threads, so every method locks.
/// </summary>
internal sealed class CellOutputs
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];

    /// <summary>Records one kernel event; events that are not outputs are ignored.</summary>
    public void Add(KernelEvent kernelEvent)
    {
        lock (_gate)
        {
            switch (kernelEvent)
            {
                case StandardOutputValueProduced stdout:
                    AppendStream("stdout", PlainText(stdout));
                    break;
                case StandardErrorValueProduced stderr:
                    AppendStream("stderr", PlainText(stderr));
                    break;
                case DisplayedValueUpdated update when _entries.FirstOrDefault(e => e.ValueId == update.ValueId) is { } shown:
                    shown.Data = Bundle(update.FormattedValues);
                    break;
                case DisplayedValueProduced or DisplayedValueUpdated:
                    var display = (DisplayEvent)kernelEvent;
                    _entries.Add(new Entry("display_data") { ValueId = display.ValueId, Data = Bundle(display.FormattedValues) });
                    break;
                case ReturnValueProduced value:
                    _entries.Add(new Entry("execute_result") { Data = Bundle(value.FormattedValues) });
                    break;
                case ErrorProduced error:
                    _entries.Add(new Entry("error") { Error = new ErrorElement(error.Message, "Error") });
                    break;
            }
        }
    }

    /// <summary>Adds the cell's failure as an nbformat error output.</summary>
    public void AddFailure(CellFailure failure)
    {
        lock (_gate)
        {
            _entries.Add(new Entry("error") { Error = new ErrorElement(failure.ErrorValue, failure.ErrorName, [.. failure.Traceback]) });
        }
    }

    /// <summary>The outputs as .NET Interactive document elements; the cell's value carries <paramref name="executionCount"/>.</summary>
    public IReadOnlyList<InteractiveDocumentOutputElement> ToElements(int executionCount)
    {
        lock (_gate)
        {
            return _entries.Select(entry => entry.Kind switch
            {
                "stream" => new TextElement(entry.Text.ToString(), entry.StreamName),
                "display_data" => new DisplayElement(new Dictionary<string, object>(entry.Data)),
                "execute_result" => Result(entry.Data, executionCount),
                _ => (InteractiveDocumentOutputElement)entry.Error!,
            }).ToList();
        }
    }

    /// <summary>The text of a console event (the kernel formats it as text/plain).</summary>
    public static string PlainText(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value
        ?? e.FormattedValues.FirstOrDefault()?.Value
        ?? "";

    private void AppendStream(string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (_entries.Count > 0 && _entries[^1] is { Kind: "stream" } last && last.StreamName == name)
        {
            last.Text.Append(text);
            return;
        }

        var entry = new Entry("stream") { StreamName = name };
        entry.Text.Append(text);
        _entries.Add(entry);
    }

    private static Dictionary<string, object> Bundle(IEnumerable<FormattedValue> values) =>
        values.Where(v => !v.SuppressDisplay)
            .GroupBy(v => v.MimeType)
            .ToDictionary(g => g.Key, g => (object)g.First().Value);

    private static ReturnValueElement Result(Dictionary<string, object> data, int executionCount)
    {
        var element = new ReturnValueElement { ExecutionOrder = executionCount };
        foreach (var (mime, value) in data)
        {
            element.Data[mime] = value;
        }

        return element;
    }

    private sealed class Entry(string kind)
    {
        public string Kind { get; } = kind;

        public string? ValueId { get; init; }

        public Dictionary<string, object> Data { get; set; } = [];

        public string StreamName { get; init; } = "stdout";

        public StringBuilder Text { get; } = new();

        public ErrorElement? Error { get; init; }
    }
}
