using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

public class CsvReaderTests
{
    [Fact]
    public void Reads_quoted_fields_with_commas_doubled_quotes_and_line_breaks()
    {
        using var temp = new TempFolder();
        string path = temp.Write("a.csv",
            "mr,ref\r\n" +
            "\"name[A], area[x]\",\"He said \"\"hi\"\", twice.\"\r\n" +
            "plain,\"two\nlines\"\r\n" +
            "\r\n" +
            ",\"\"\r\n");
        var rows = CsvReader.Read(path).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["mr", "ref"], rows[0].Fields);
        Assert.Equal(["name[A], area[x]", "He said \"hi\", twice."], rows[1].Fields);
        Assert.Equal(["plain", "two\nlines"], rows[2].Fields);
        Assert.Equal(3, rows[2].LineNumber);
        Assert.Equal(["", ""], rows[3].Fields);
        Assert.Equal(6, rows[3].LineNumber);
    }

    [Theory]
    [InlineData("a,b\nx,y\"z\n", 2, "quote inside an unquoted field")]
    [InlineData("a,b\n\"x\"y,z\n", 2, "after a closing quote")]
    [InlineData("a,b\nok,fine\n\"never closed,z\nmore\n", 4, "unterminated")]
    public void Malformed_quotes_throw_with_path_line_and_text(string content, int line, string reason)
    {
        using var temp = new TempFolder();
        string path = temp.Write("bad.csv", content);
        var e = Assert.Throws<DataFormatException>(() => CsvReader.Read(path).ToList());
        Assert.Equal(path, e.FilePath);
        Assert.Equal(line, e.LineNumber);
        Assert.Contains(reason, e.Message);
        Assert.Contains(path + ":" + line, e.Message);
        Assert.False(string.IsNullOrEmpty(e.LineText));
    }

    [Fact]
    public void Lenient_options_skip_and_count_bad_records()
    {
        using var temp = new TempFolder();
        string path = temp.Write("bad.csv", "a,b\nx,y\"z\nc,d\n\"e\"f,g\nh,i\n");
        var options = LoadOptions.Lenient();
        var rows = CsvReader.Read(path, options).ToList();
        Assert.Equal([["a", "b"], ["c", "d"], ["h", "i"]], rows.Select(r => r.Fields.ToArray()));
        Assert.Equal(2, options.SkippedCount);
        Assert.Equal([2, 4], options.Skipped.Select(s => s.LineNumber));
    }

    [Fact]
    public void Rows_with_the_wrong_number_of_fields_are_malformed()
    {
        using var temp = new TempFolder();
        string path = temp.Write("short.csv", "mr,ref\nonly-one-field\n");
        var e = Assert.Throws<DataFormatException>(() => CsvReader.ReadWithHeader(path, _ => { }).ToList());
        Assert.Equal(2, e.LineNumber);
        Assert.Equal("only-one-field", e.LineText);
    }
}
