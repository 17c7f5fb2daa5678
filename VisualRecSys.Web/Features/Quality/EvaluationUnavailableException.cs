namespace VisualRecSys.Web.Features.Quality;

/// <summary>An evaluation cannot run on the data there is (no vectors, no queries, no gallery); the message says what to do.</summary>
public sealed class EvaluationUnavailableException : InvalidOperationException
{
    public EvaluationUnavailableException()
    {
    }

    public EvaluationUnavailableException(string message)
        : base(message)
    {
    }

    public EvaluationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
