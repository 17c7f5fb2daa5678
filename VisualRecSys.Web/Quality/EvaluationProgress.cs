namespace VisualRecSys.Web.Quality;

/// <summary>How far an evaluation is: queries searched out of those it will search.</summary>
public readonly record struct EvaluationProgress(int Done, int Total);
