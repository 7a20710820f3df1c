using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace TextDiffusion.Reporting;

/// <summary>The HTML around a figure's JSON: a notebook fragment and a standalone page.</summary>
internal static class FigureHtml
{
    /// <summary>Logged by a standalone page once Plotly.newPlot has resolved.</summary>
    public const string RenderedMarker = "TD_PLOT_RENDERED";

    /// <summary>Logged by a standalone page when drawing fails or any script error occurs.</summary>
    public const string ErrorMarker = "TD_PLOT_ERROR";

    private static int _sequence;

    /// <summary>
    /// A div plus a loader script. The id combines a hash of the figure with a per-process counter,
    /// so re-running a notebook reproduces the same output while two figures never share a div.
    /// With <paramref name="pngBase64"/> the div holds the rendered PNG, so the chart shows without
    /// network (GitHub, nbviewer, offline); plotly.js replaces it with the interactive chart when it loads.
    /// </summary>
    public static string Fragment(Figure figure, string? pngBase64 = null)
    {
        var json = figure.ToJson();
        var id = $"td-figure-{Hash(json)}-{Interlocked.Increment(ref _sequence)}";
        var picture = pngBase64 is null
            ? ""
            : $"<img src=\"data:image/png;base64,{pngBase64}\" width=\"{figure.Width}\" height=\"{figure.Height}\" alt=\"{WebUtility.HtmlEncode(figure.Title ?? "chart")}\">";
        return $$"""
            <div id="{{id}}" style="width:{{figure.Width}}px;min-height:{{figure.Height}}px;">{{picture}}</div>
            <script type="text/javascript">
            (function () {
              var target = '{{id}}';
              var figure = {{json}};
              var module = '{{PlotlyJs.CdnModule}}';
              function draw(Plotly) {
                var div = document.getElementById(target);
                div.innerHTML = '';
                Plotly.newPlot(div, figure.data, figure.layout, { responsive: true, displaylogo: false });
              }
              function fail(error) {
                var note = document.createElement('p');
                note.textContent = 'Interactive chart unavailable: could not load plotly.js from ' + module + '.js (' + error + ').';
                document.getElementById(target).appendChild(note);
              }
              if (window.Plotly) {
                draw(window.Plotly);
              } else if (typeof requirejs === 'function' && typeof requirejs.config === 'function') {
                requirejs.config({ paths: { 'td-plotly': module } });
                requirejs(['td-plotly'], draw, fail);
              } else {
                window.tdPlotlyLoading = window.tdPlotlyLoading || new Promise(function (resolve, reject) {
                  var script = document.createElement('script');
                  script.src = module + '.js';
                  script.onload = function () { resolve(window.Plotly); };
                  script.onerror = function () { reject('network error'); };
                  document.head.appendChild(script);
                });
                window.tdPlotlyLoading.then(draw, fail);
              }
            })();
            </script>
            """;
    }

    /// <summary>
    /// A standalone page. It logs <see cref="RenderedMarker"/> after drawing and
    /// <see cref="ErrorMarker"/> on any error, which the PNG exporter reads from the browser log.
    /// A <paramref name="staticPlot"/> has no toolbar or hover: the form for screenshots.
    /// </summary>
    public static string Page(Figure figure, string? localPlotly, bool staticPlot = false)
    {
        var plotly = localPlotly is null
            ? $"<script src=\"{PlotlyJs.CdnModule}.js\"></script>"
            : $"<script>{File.ReadAllText(localPlotly).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)}</script>";
        var title = WebUtility.HtmlEncode(figure.Title ?? "Figure");
        return string.Create(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <title>{{title}}</title>
            <style>html, body { margin: 0; padding: 0; background: #ffffff; }</style>
            <script>
            window.addEventListener('error', function (e) { console.error('{{ErrorMarker}} ' + e.message); });
            window.addEventListener('unhandledrejection', function (e) { console.error('{{ErrorMarker}} ' + e.reason); });
            </script>
            {{plotly}}
            </head>
            <body>
            <div id="figure" style="width:{{figure.Width}}px;height:{{figure.Height}}px;"></div>
            <script>
            (function () {
              if (typeof Plotly === 'undefined') {
                console.error('{{ErrorMarker}} plotly.js did not load');
                return;
              }
              var figure = {{figure.ToJson()}};
              Plotly.newPlot('figure', figure.data, figure.layout, { staticPlot: {{(staticPlot ? "true" : "false")}}, displaylogo: false })
                .then(function () { console.log('{{RenderedMarker}}'); },
                      function (e) { console.error('{{ErrorMarker}} ' + e); });
            })();
            </script>
            </body>
            </html>

            """);
    }

    private static string Hash(string json) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)), 0, 6).ToLowerInvariant();
}
