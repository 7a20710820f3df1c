using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class UserTextTests
{
    [Fact]
    public void Lines_are_trimmed_and_blank_ones_skipped()
    {
        using var temp = new TempFolder();
        string path = temp.Write("text.txt", "  first line \n\n\tsecond\r\nthird");

        Assert.Equal(["first line", "second", "third"], UserText.ReadLines(path));
    }

    [Fact]
    public void A_tsv_line_without_exactly_one_tab_names_file_line_and_value()
    {
        using var temp = new TempFolder();
        string path = temp.Write("pairs.tsv", "ein Haus\ta house\nzwei\tHäuser\tzu viel\n");

        var error = Assert.Throws<DataFormatException>(() => UserText.ReadPairs(path));

        Assert.Equal($"{path}:2: expected 'source<TAB>target' (one tab), found 2 tabs: \"zwei\tHäuser\tzu viel\"", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_name_the_line()
    {
        using var temp = new TempFolder();
        string path = temp.PathOf("latin1.txt");
        File.WriteAllBytes(path, [.. "fine\n"u8.ToArray(), (byte)'c', 0xE9, (byte)'\n']);

        var error = Assert.Throws<DataFormatException>(() => UserText.ReadLines(path));

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("not UTF-8 text", error.Message);
    }

    [Fact]
    public void Parallel_files_must_have_as_many_lines()
    {
        using var temp = new TempFolder();
        string source = temp.Write("train.de", "a\nb\nc\n"), target = temp.Write("train.en", "x\ny\n");

        var error = Assert.Throws<InvalidDataException>(() => UserText.ReadPairs(source, target));

        Assert.Equal($"{source} has 3 lines but {target} has 2: expected parallel files, one pair per line", error.Message);
    }

    [Fact]
    public void A_file_without_text_or_a_missing_file_is_an_error_naming_it()
    {
        using var temp = new TempFolder();
        string empty = temp.Write("empty.txt", "\n  \n");

        Assert.Equal($"{empty} has no text: expected one sentence or document per line",
            Assert.Throws<InvalidDataException>(() => UserText.ReadLines(empty)).Message);
        Assert.Equal($"{temp.PathOf("absent.txt")} does not exist",
            Assert.Throws<FileNotFoundException>(() => UserText.ReadLines(temp.PathOf("absent.txt"))).Message);
    }
}
