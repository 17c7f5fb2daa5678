namespace VisualRecSys.Engine.Embedding.Pipeline;

/// <summary>An image the pipeline could not embed, and why (safe to show: an <see cref="InvalidImageException"/> or I/O message).</summary>
/// <param name="Id">The image's id.</param>
/// <param name="Reason">What was wrong.</param>
public sealed record ImageFailure(int Id, string Reason);
