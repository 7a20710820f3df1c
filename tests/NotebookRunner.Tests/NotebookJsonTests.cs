using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

public sealed class NotebookJsonTests
{
    [Fact]
    public void Writes_vscode_layout_sorted_keys_one_space_indent_trailing_newline()
    {
        var json = new JsonObject
        {
            ["b"] = new JsonArray(1, "x\n\"y\"", true, null),
            ["a"] = new JsonObject { ["z"] = new JsonObject(), ["y"] = new JsonArray(), ["é"] = 0.5 },
        };

        var text = NotebookJson.Serialize(json);

        Assert.Equal(
            "{\n \"a\": {\n  \"y\": [],\n  \"z\": {},\n  \"é\": 0.5\n },\n \"b\": [\n  1,\n  \"x\\n\\\"y\\\"\",\n  true,\n  null\n ]\n}\n",
            text);
    }

    [Fact]
    public void Round_trips_a_vscode_written_notebook_byte_for_byte()
    {
        const string written = """
            {
             "cells": [
              {
               "cell_type": "code",
               "execution_count": 3,
               "metadata": {
                "dotnet_interactive": {
                 "language": "csharp"
                },
                "polyglot_notebook": {
                 "kernelName": "csharp"
                }
               },
               "outputs": [],
               "source": [
                "var x = 1.50;\n",
                "x <= 2 && x > 0 // ünïcödé"
               ]
              }
             ],
             "metadata": {
              "kernelspec": {
               "display_name": ".NET (C#)",
               "language": "C#",
               "name": ".net-csharp"
              },
              "language_info": {
               "name": "polyglot-notebook"
              },
              "polyglot_notebook": {
               "kernelInfo": {
                "defaultKernelName": "csharp",
                "items": [
                 {
                  "aliases": [],
                  "name": "csharp"
                 }
                ]
               }
              }
             },
             "nbformat": 4,
             "nbformat_minor": 2
            }

            """;

        Assert.Equal(written, NotebookJson.Serialize(NotebookJson.Parse(written, "test")));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1.0, "1")]
    [InlineData(1234.125, "1234.125")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e21, "1e+21")]
    [InlineData(-2.5e-8, "-2.5e-8")]
    public void Formats_numbers_like_javascript(double value, string expected) =>
        Assert.Equal(expected, NotebookJson.FormatNumber(value));

    [Fact]
    public void Splits_source_into_lines_keeping_newlines_but_on_the_last()
    {
        Assert.Equal(["a\n", "\n", "b"], NotebookJson.ToLines("a\n\nb").Select(n => n!.GetValue<string>()));
        Assert.Equal(["a\n"], NotebookJson.ToLines("a\n").Select(n => n!.GetValue<string>()));
        Assert.Empty(NotebookJson.ToLines(""));
    }
}
