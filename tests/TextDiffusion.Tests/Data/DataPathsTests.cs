using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

/// <summary>
/// Data-path resolution over a fake layout written to a temp folder:
/// <c>work/checkout/Research.sln</c>, <c>work/checkout/data/</c>, <c>work/shared/data/</c> and an
/// "environment" folder, so the tests neither depend on this machine nor change process state.
/// </summary>
public class DataPathsTests
{
    private sealed class Layout : IDisposable
    {
        public TempFolder Temp { get; } = new();

        public Layout()
        {
            Temp.Write("work/checkout/Research.sln", "");
            Directory.CreateDirectory(Temp.PathOf("work/checkout/src/deep/folder"));
            Directory.CreateDirectory(Temp.PathOf("env"));
        }

        public string Checkout => Temp.PathOf("work/checkout");
        public string Environment => Temp.PathOf("env");

        public IReadOnlyList<string> Roots(bool withEnvironment = true) =>
            DataPaths.SearchRoots(withEnvironment ? Environment : null, DataPaths.FindProjectRoot([Temp.PathOf("work/checkout/src/deep/folder")]));

        public void Dispose() => Temp.Dispose();
    }

    [Fact]
    public void A_data_folder_named_by_the_environment_that_does_not_exist_is_an_error_naming_it()
    {
        using var layout = new Layout();
        string missing = layout.Temp.PathOf("no-such-folder");

        var e = Assert.Throws<DirectoryNotFoundException>(() => DataPaths.SearchRoots(missing, layout.Checkout));

        Assert.Equal($"{DataPaths.EnvironmentVariable} names {missing}, which does not exist; point it at the folder that holds e2e/, lm/, multi30k/, … (data/README.md), or unset it", e.Message);
    }

    [Fact]
    public void Finds_the_project_root_by_walking_up_to_the_solution()
    {
        using var layout = new Layout();
        Assert.Equal(layout.Checkout, DataPaths.FindProjectRoot([layout.Temp.PathOf("work/checkout/src/deep/folder")]));
        Assert.Null(DataPaths.FindProjectRoot([layout.Temp.PathOf("env")]));
    }

    [Fact]
    public void Search_order_is_environment_then_project_data_then_shared()
    {
        using var layout = new Layout();
        Assert.Equal(
            [Path.GetFullPath(layout.Environment), Path.Combine(layout.Checkout, "data"), layout.Temp.PathOf("work/shared/data")],
            layout.Roots());
        Assert.Equal(2, layout.Roots(withEnvironment: false).Count);
    }

    [Fact]
    public void The_first_root_holding_the_file_wins()
    {
        using var layout = new Layout();
        string shared = layout.Temp.Write("work/shared/data/e2e/a.txt", "shared");
        Assert.Equal(shared, DataPaths.Resolve("e2e/a.txt", layout.Roots()));
        string project = layout.Temp.Write("work/checkout/data/e2e/a.txt", "project");
        Assert.Equal(project, DataPaths.Resolve("e2e/a.txt", layout.Roots()));
        string env = layout.Temp.Write("env/e2e/a.txt", "environment");
        Assert.True(DataPaths.TryResolve("e2e/a.txt", layout.Roots(), out string? found));
        Assert.Equal(env, found);
    }

    [Fact]
    public void Missing_file_names_every_place_looked_and_the_download_source()
    {
        using var layout = new Layout();
        var roots = layout.Roots();
        Assert.False(DataPaths.TryResolve("e2e/dlm_src1_train.txt", roots, out _));
        var e = Assert.Throws<DatasetNotFoundException>(() => DataPaths.Resolve("e2e/dlm_src1_train.txt", roots));
        Assert.IsAssignableFrom<FileNotFoundException>(e);
        Assert.Equal(3, e.SearchedPaths.Count);
        foreach (string searched in e.SearchedPaths) Assert.Contains(searched, e.Message);
        Assert.Equal("E2E NLG in Diffusion-LM's format", e.Origin!.Name);
        Assert.Contains("github.com/XiangLi1999/Diffusion-LM", e.Message);
        Assert.Contains(DataPaths.EnvironmentVariable, e.Message);
    }

    [Fact]
    public void Source_table_picks_the_longest_prefix()
    {
        Assert.Equal("E2E NLG Challenge (official CSV)", DatasetSources.For("e2e/official_devset.csv")!.Name);
        Assert.Equal("WikiText-2 (raw)", DatasetSources.For("lm/wikitext2_valid.txt")!.Name);
        Assert.Null(DatasetSources.For("unknown/file.txt"));
    }

    [Fact]
    public void Rooted_paths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DataPaths.TryResolve("/etc/passwd", out _));
    }

    [Fact]
    public void The_public_search_order_starts_with_the_environment_variable_when_set()
    {
        var roots = DataPaths.SearchRoots();
        string? env = Environment.GetEnvironmentVariable(DataPaths.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) Assert.Equal(Path.GetFullPath(env), roots[0]);
        if (DataPaths.FindProjectRoot() is { } project) Assert.Contains(Path.Combine(project, "data"), roots);
    }
}
