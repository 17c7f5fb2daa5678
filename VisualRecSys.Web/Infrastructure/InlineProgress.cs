namespace VisualRecSys.Web.Infrastructure;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread. <see cref="Progress{T}"/> posts to
/// the thread pool, which can deliver reports out of order after the work has finished.
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
