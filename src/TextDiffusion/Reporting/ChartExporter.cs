using Torch;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TextDiffusion.Reporting;

/// <summary>
/// Static PNG export: the figure's standalone page (plotly.js inlined from tools/) is screenshotted
/// by headless Chromium. The page logs a marker once Plotly.newPlot resolves; the export fails
/// unless that marker appears and no script error was logged, so a blank or broken chart never
/// passes silently. Install the tools with scripts/setup-charts.sh.
/// </summary>
public static partial class ChartExporter
{
    /// <summary>Overrides the browser executable.</summary>
    public const string ChromiumVariable = "TD_CHROMIUM";

    private static readonly string[] BrowserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    /// <summary>Base64 PNGs already rendered in this process, by figure JSON and size (a notebook asks once per MIME type).</summary>
    private static readonly ConcurrentDictionary<string, string> RenderedPngs = new(StringComparer.Ordinal);

    /// <summary>Whether both Chromium and the local plotly.js are installed, so PNGs can be rendered.</summary>
    public static bool IsAvailable => FindChromium() is not null && PlotlyJs.FindLocalBundle() is not null;

    /// <summary>
    /// The figure as a base64 PNG (what an nbformat <c>image/png</c> output holds), or null when
    /// <see cref="IsAvailable"/> is false. A failed render throws <see cref="ChartExportException"/>.
    /// </summary>
    public static string? PngBase64(Figure figure)
    {
        if (!IsAvailable)
        {
            return null;
        }

        return RenderedPngs.GetOrAdd($"{figure.Width}x{figure.Height}:{figure.ToJson()}", _ =>
        {
            var file = Path.Combine(Path.GetTempPath(), $"td-figure-{Guid.NewGuid():N}.png");
            try
            {
                ExportPng(figure, file);
                return Convert.ToBase64String(File.ReadAllBytes(file));
            }
            finally
            {
                File.Delete(file);
            }
        });
    }

    /// <summary>The headless browser to use, or null when none is installed.</summary>
    public static string? FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => BrowserNames.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Renders <paramref name="figure"/> to <paramref name="pngPath"/> (written atomically).</summary>
    /// <exception cref="ChartExportException">Chromium or plotly.js is missing, the browser failed, or the page logged an error.</exception>
    public static ChartRender ExportPng(Figure figure, string pngPath, TimeSpan? timeout = null)
    {
        var chromium = FindChromium()
            ?? throw new ChartExportException("Chromium was not found (looked for TD_CHROMIUM, then chromium on PATH); run scripts/setup-charts.sh.");
        var plotly = PlotlyJs.FindLocalBundle()
            ?? throw new ChartExportException("plotly.js-dist-min is not installed under tools/node_modules; run scripts/setup-charts.sh.");

        var work = Directory.CreateTempSubdirectory("td-chart-");
        try
        {
            var page = Path.Combine(work.FullName, "figure.html");
            var screenshot = Path.Combine(work.FullName, "figure.png");
            File.WriteAllText(page, FigureHtml.Page(figure, plotly, staticPlot: true));

            var log = RunChromium(chromium, work.FullName, page, screenshot, figure, timeout ?? TimeSpan.FromSeconds(90));
            var messages = ConsoleLine().Matches(log).Select(m => m.Groups["message"].Value).ToList();
            var errors = messages.Where(m => m.Contains(FigureHtml.ErrorMarker, StringComparison.Ordinal)
                || m.StartsWith("Uncaught", StringComparison.Ordinal)).ToList();

            if (errors.Count > 0)
            {
                throw new ChartExportException($"The chart page logged errors: {string.Join(" | ", errors)}");
            }

            if (!messages.Contains(FigureHtml.RenderedMarker) || !File.Exists(screenshot))
            {
                throw new ChartExportException($"Chromium did not render the chart. Browser log:{Environment.NewLine}{log}");
            }

            return new ChartRender(AtomicFile.MoveInto(screenshot, pngPath), messages);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string RunChromium(string chromium, string workDirectory, string page, string screenshot, Figure figure, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            $"--user-data-dir={Path.Combine(workDirectory, "profile")}",
            $"--screenshot={screenshot}",
            $"--window-size={figure.Width},{figure.Height}",
            "--virtual-time-budget=15000",
            new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new ChartExportException($"Could not start {chromium}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ChartExportException($"Chromium did not finish within {timeout.TotalSeconds:F0} s.");
        }

        process.WaitForExit();
        var log = stdout.Result + stderr.Result;
        if (process.ExitCode != 0)
        {
            throw new ChartExportException($"Chromium exited with code {process.ExitCode}:{Environment.NewLine}{log}");
        }

        return log;
    }

    /// <summary>A console message in Chromium's log, e.g. <c>[..:INFO:CONSOLE:12] "text", source: file:///...</c>.</summary>
    [GeneratedRegex("""CONSOLE[^\]]*\] "(?<message>.*)", source: """)]
    private static partial Regex ConsoleLine();
}

/// <summary>A PNG written by <see cref="ChartExporter"/>, with what the page logged to the browser console.</summary>
public sealed record ChartRender(string PngPath, IReadOnlyList<string> ConsoleMessages);

/// <summary>A chart could not be exported: a missing tool, a browser failure or a script error in the page.</summary>
public sealed class ChartExportException(string message) : Exception(message);
