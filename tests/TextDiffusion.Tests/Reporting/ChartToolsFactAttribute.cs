using TextDiffusion.Reporting;

namespace TextDiffusion.Tests.Reporting;

/// <summary>A fact that needs headless Chromium and plotly.js (scripts/setup-charts.sh); skipped, saying why, when either is missing.</summary>
public sealed class ChartToolsFactAttribute : FactAttribute
{
    public ChartToolsFactAttribute()
    {
        if (ChartExporter.FindChromium() is null)
        {
            Skip = "Chromium is not installed (run scripts/setup-charts.sh)";
        }
        else if (PlotlyJs.FindLocalBundle() is null)
        {
            Skip = "plotly.js-dist-min is not installed under tools/ (run scripts/setup-charts.sh)";
        }
    }
}
