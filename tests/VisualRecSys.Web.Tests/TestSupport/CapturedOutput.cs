using System.Diagnostics;
using System.Text;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>
/// Everything a child process writes to stdout and stderr, collected line by line as it comes (from the process's
/// reader threads) and readable at any time, for waits on a line and for failure messages.
/// </summary>
internal sealed class CapturedOutput
{
    private readonly StringBuilder _text = new();

    private CapturedOutput()
    {
    }

    /// <summary>Starts collecting what <paramref name="process"/> (started with both streams redirected) writes.</summary>
    public static CapturedOutput Of(Process process)
    {
        var output = new CapturedOutput();
        process.OutputDataReceived += (_, e) => output.Append(e.Data);
        process.ErrorDataReceived += (_, e) => output.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return output;
    }

    /// <summary>What was written so far.</summary>
    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_text)
            {
                _text.AppendLine(line);
            }
        }
    }
}
