using System.Text;

namespace NotebookRunner;

/// <summary>
/// The Console.Out / Console.Error a cell sees: text goes to the cell's stream output, and
/// optionally also to the real console so a long run shows its progress live.
/// </summary>
internal sealed class CapturingWriter(CellOutputs outputs, string streamName, TextWriter? echo) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        outputs.AppendStream(streamName, value.Replace("\r\n", "\n", StringComparison.Ordinal));
        echo?.Write(value);
    }

    public override void Flush() => echo?.Flush();
}
