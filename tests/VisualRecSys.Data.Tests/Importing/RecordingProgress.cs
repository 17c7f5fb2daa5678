using VisualRecSys.Data.Importing;

namespace VisualRecSys.Data.Tests.Importing;

/// <summary>Records synchronously; <see cref="Progress{T}"/> would post to the thread pool.</summary>
internal sealed class RecordingProgress : IProgress<ImportProgress>
{
    public List<ImportProgress> Values { get; } = [];

    public void Report(ImportProgress value) => Values.Add(value);
}
