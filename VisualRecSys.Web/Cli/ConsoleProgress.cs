using System.Globalization;
using VisualRecSys.Engine.Embedding.Pipeline;

namespace VisualRecSys.Web.Cli;

/// <summary>
/// Embedding progress on the console: a bar redrawn in place when the output is a terminal, otherwise a line every
/// <see cref="LineInterval"/> (logs and CI output stay readable) and at the end.
/// </summary>
internal sealed class ConsoleProgress(TextWriter output, bool interactive) : IProgress<EmbeddingProgress>
{
    private const int BarWidth = 30;
    private static readonly TimeSpan s_redrawInterval = TimeSpan.FromMilliseconds(100);

    private DateTime _lastWrite = DateTime.MinValue;
    private int _lastLength;
    private bool _drawn;

    /// <summary>How often a line is written when the output is not a terminal.</summary>
    public static TimeSpan LineInterval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Progress on <see cref="Console.Out"/>, in place when it is a terminal.</summary>
    public static ConsoleProgress ForConsole() => new(Console.Out, !Console.IsOutputRedirected);

    public void Report(EmbeddingProgress value)
    {
        var now = DateTime.UtcNow;
        var last = value.Done >= value.Total;
        if (!last && now - _lastWrite < (interactive ? s_redrawInterval : LineInterval))
        {
            return;
        }

        _lastWrite = now;
        var text = Describe(value);
        if (interactive)
        {
            // Redraw over the previous bar; pad in case the new text is shorter.
            output.Write("\r" + text.PadRight(_lastLength));
            _lastLength = text.Length;
            _drawn = true;
        }
        else
        {
            output.WriteLine(text);
        }
    }

    /// <summary>Ends the bar's line so what follows starts on a new one.</summary>
    public void Finish()
    {
        if (interactive && _drawn)
        {
            output.WriteLine();
            _drawn = false;
        }
    }

    internal static string Describe(EmbeddingProgress p)
    {
        var filled = (int)Math.Round(p.Fraction * BarWidth);
        var left = p.Remaining is { } r ? FormatDuration(r) : "--:--";
        var failed = p.Failed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {p.Failed:N0} failed") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('-', BarWidth - filled)}] {p.Done:N0}/{p.Total:N0} {p.Fraction:P0}{failed}  {p.ImagesPerSecond:F1} images/s  ETA {left}");
    }

    private static string FormatDuration(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"mm\:ss", CultureInfo.InvariantCulture);
}
