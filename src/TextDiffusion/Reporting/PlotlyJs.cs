namespace TextDiffusion.Reporting;

/// <summary>
/// Where plotly.js comes from: the CDN for notebook output, or the copy scripts/setup-charts.sh
/// installs (npm package plotly.js-dist-min, pinned in tools/package-lock.json) for offline pages
/// and PNG export.
/// </summary>
public static class PlotlyJs
{
    /// <summary>The plotly.js version; keep equal to tools/package.json.</summary>
    public const string Version = "2.35.2";

    /// <summary>Overrides the path of plotly.min.js.</summary>
    public const string EnvironmentVariable = "TD_PLOTLY_JS";

    private const string BundleInRepository = "tools/node_modules/plotly.js-dist-min/plotly.min.js";

    /// <summary>The CDN address of the same version, without the ".js" (the form require.js paths take).</summary>
    public static string CdnModule => $"https://cdn.plot.ly/plotly-{Version}.min";

    /// <summary>The local plotly.min.js, or null when it is not installed.</summary>
    public static string? FindLocalBundle()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(typeof(PlotlyJs).Assembly.Location) })
        {
            if (start is not null && ResultPaths.FindRepositoryRoot(start) is { } root)
            {
                var bundle = Path.Combine(root, BundleInRepository);
                if (File.Exists(bundle))
                {
                    return bundle;
                }
            }
        }

        return null;
    }
}
