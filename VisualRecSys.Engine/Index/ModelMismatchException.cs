namespace VisualRecSys.Engine.Index;

/// <summary>
/// Vectors of one model met vectors, an index or a store of another: their coordinates mean different things, so any
/// distance between them would be noise. Thrown instead of answering.
/// </summary>
public sealed class ModelMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public ModelMismatchException()
        : base("Vectors of different models cannot be compared.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ModelMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The model the index, store or matrix holds vectors of.</summary>
    public string? ExpectedModelId { get; private init; }

    /// <summary>The model the offending vectors come from.</summary>
    public string? ActualModelId { get; private init; }

    /// <summary>Throws when <paramref name="actual"/> is not <paramref name="expected"/>.</summary>
    /// <param name="expected">The model of the index, store or matrix.</param>
    /// <param name="actual">The model of the query or of the vectors being added.</param>
    /// <param name="what">What holds <paramref name="expected"/>'s vectors, for the message (e.g. "index build 7").</param>
    /// <exception cref="ModelMismatchException">The ids differ.</exception>
    public static void ThrowIfDifferent(string expected, string actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new ModelMismatchException(
                $"The {what} holds vectors of model '{expected}', but these come from model '{actual}'; vectors of different "
                + $"models are not comparable. Embed with '{expected}', or rebuild the {what} with '{actual}'.")
            {
                ExpectedModelId = expected,
                ActualModelId = actual,
            };
        }
    }
}
