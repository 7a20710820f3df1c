using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

public sealed class NotebookJsonTests
{
    [Fact]
    public void Splits_source_into_lines_keeping_newlines_but_on_the_last()
    {
        Assert.Equal(["a\n", "\n", "b"], NotebookJson.ToLines("a\n\nb").Select(n => n!.GetValue<string>()));
        Assert.Equal(["a\n"], NotebookJson.ToLines("a\n").Select(n => n!.GetValue<string>()));
        Assert.Empty(NotebookJson.ToLines(""));
    }
}
