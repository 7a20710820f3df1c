namespace TextDiffusion.Cli.Tests;

/// <summary>Every user error is one or two lines, what was wrong, where and what was expected; no stack trace unless --verbose.</summary>
public sealed class ErrorTests
{
    const string Hint = "(run again with --verbose for the stack trace)";

    [Fact]
    public async Task A_bad_line_in_a_users_file_names_file_line_and_value()
    {
        using var folder = new Td.Folder();
        string data = folder.Write("pairs.tsv", "ein Haus\ta house\nzwei Häuser two houses\n");

        var (code, _, error) = await Td.RunAsync("train", "--model", "difformer", "--data", data, "--out", folder.Of("model"), "--profile", "smoke");

        Assert.Equal(1, code);
        Assert.Equal($"error: {data}:2: expected 'source<TAB>target' (one tab), found 0 tabs: \"zwei Häuser two houses\"\n{Hint}\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_data_folder_named_by_TEXTDIFFUSION_DATA_that_does_not_exist_is_an_error()
    {
        using var folder = new Td.Folder();
        string missing = folder.Of("no-such-data");
        Environment.SetEnvironmentVariable("TEXTDIFFUSION_DATA", missing);
        try
        {
            var (code, _, error) = await Td.RunAsync("train", "--model", "lm", "--out", folder.Of("model"), "--profile", "smoke");

            Assert.Equal(1, code);
            Assert.Equal($"error: TEXTDIFFUSION_DATA names {missing}, which does not exist; point it at the folder that holds e2e/, lm/, multi30k/, … (data/README.md), or unset it\n{Hint}\n",
                error.ReplaceLineEndings("\n"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TEXTDIFFUSION_DATA", null);
        }
    }

    [Fact]
    public async Task A_data_file_that_does_not_exist_is_named()
    {
        using var folder = new Td.Folder();
        string missing = folder.Of("nothing.txt");

        var (code, output, error) = await Td.RunAsync("train", "--model", "mdlm", "--data", missing, "--out", folder.Of("model"), "--profile", "smoke");

        Assert.Equal(1, code);
        Assert.Equal($"error: File does not exist: '{missing}'.\n(td train --help lists the options)\n", error.ReplaceLineEndings("\n"));
        Assert.Empty(output);
    }

    [Fact]
    public async Task A_truncated_checkpoint_names_the_file_and_what_is_wrong_and_verbose_adds_the_stack_trace()
    {
        using var folder = new Td.Folder();
        string data = folder.Write("text.txt", string.Join('\n', Enumerable.Range(0, 40).Select(i => $"line {i % 7} of some text .")));
        string model = folder.Of("model");
        var (trained, _, trainError) = await Td.RunAsync("train", "--model", "lm", "--data", data, "--out", model, "--profile", "smoke", "--steps", "4");
        Assert.True(trained == 0, trainError);
        string weights = Path.Combine(model, "model.safetensors");
        long length = new FileInfo(weights).Length;
        using (var stream = new FileStream(weights, FileMode.Open)) stream.SetLength(length / 2);

        var (code, _, error) = await Td.RunAsync("sample", "--checkpoint", model);

        Assert.Equal(1, code);
        var lines = error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"error: {weights} is truncated: {length / 2:N0} bytes, but its header describes {length:N0}", lines[0]);
        Assert.Equal(Hint, lines[1]);

        var (_, _, verbose) = await Td.RunAsync("sample", "--checkpoint", model, "--verbose");
        Assert.Contains("   at Torch.SafeTensors.Load", verbose);
    }

    [Fact]
    public async Task Resume_without_a_checkpoint_says_so()
    {
        using var folder = new Td.Folder();
        string data = folder.Write("text.txt", "one line\nanother line\n");

        var (code, _, error) = await Td.RunAsync("train", "--model", "mdlm", "--data", data, "--out", folder.Of("empty"), "--resume", "--profile", "smoke");

        Assert.Equal(1, code);
        Assert.StartsWith($"error: --resume: {folder.Of("empty")} holds no checkpoint to resume", error);
        Assert.DoesNotContain("   at ", error);
    }
}
