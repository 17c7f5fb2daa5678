using System.Diagnostics;
using System.Globalization;
using VisualRecSys.Data.Importing;
using VisualRecSys.Engine.Embedding.Pipeline;
using VisualRecSys.Engine.Index.Store.VectorFiles;
using VisualRecSys.Web.Features.Quality;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// Shows the progress of imports and embedding runs on the console: on a terminal, one bar redrawn in place; when
/// the output is redirected (a log file, CI), a plain line every 10 % or so, since carriage returns would fill a log
/// with half-lines. Embedding runs add their rate, failures and time left; evaluations count queries.
/// </summary>
internal sealed class ConsoleProgressBar : IProgress<ImportProgress>, IProgress<EmbeddingProgress>, IProgress<EvaluationProgress>, IProgress<VectorImportProgress>
{
    private const int BarWidth = 30;
    // Redrawing more often than a terminal refreshes only costs time.
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _output;
    private readonly bool _inPlace;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastDraw;
    private int _lastTenth = -1;
    private bool _drawn;

    public ConsoleProgressBar(TextWriter output, bool inPlace)
    {
        _output = output;
        _inPlace = inPlace;
    }

    /// <summary>A bar on standard output, drawn in place when it is a terminal.</summary>
    public static ConsoleProgressBar ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Report(ImportProgress value) => Draw(value.Done, value.Total, detail: "");

    public void Report(EmbeddingProgress value) => Draw(value.Done, value.Total, Detail(value));

    public void Report(EvaluationProgress value) =>
        Draw(value.Done, value.Total, detail: value.Stage == EvaluationStage.Instance ? "edited copies embedded" : "queries searched");

    public void Report(VectorImportProgress value) =>
        Draw(checked((int)value.Done), checked((int)value.Total), detail: value.Stage == VectorImportStage.Checking ? " checking values" : " writing");

    private void Draw(int done, int total, string detail)
    {
        var value = new ImportProgress(done, total);
        var finished = value.Done >= value.Total;
        if (_inPlace)
        {
            if (finished || _lastDraw is not { } last || _clock.Elapsed - last >= s_redrawInterval)
            {
                _lastDraw = _clock.Elapsed;
                _output.Write("\r" + Bar(value) + detail);
                _drawn = true;
            }
        }
        else
        {
            var tenth = value.Total == 0 ? 10 : (int)(10L * value.Done / value.Total);
            if (tenth != _lastTenth)
            {
                _lastTenth = tenth;
                _output.WriteLine(Line(value) + detail);
            }
        }
    }

    /// <summary>Ends the bar's line, so what is printed next starts on a fresh one.</summary>
    public void Finish()
    {
        if (_drawn)
        {
            _output.WriteLine();
            _drawn = false;
        }
    }

    internal static string Bar(ImportProgress value)
    {
        var fraction = value.Total == 0 ? 1.0 : Math.Clamp((double)value.Done / value.Total, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {value.Done:N0}/{value.Total:N0} {fraction * 100,3:F0}%");
    }

    internal static string Line(ImportProgress value)
    {
        var percent = value.Total == 0 ? 100 : 100.0 * value.Done / value.Total;
        return string.Create(CultureInfo.InvariantCulture, $"{value.Done:N0}/{value.Total:N0} ({percent:F0}%)");
    }

    /// <summary>What an embedding run adds to the bar: failures, rate and time left.</summary>
    internal static string Detail(EmbeddingProgress p)
    {
        var left = p.Remaining is { } r ? FormatDuration(r) : "--:--";
        var failed = p.Failed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {p.Failed:N0} failed") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{failed}  {p.ImagesPerSecond:F1} images/s  ETA {left}");
    }

    private static string FormatDuration(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
