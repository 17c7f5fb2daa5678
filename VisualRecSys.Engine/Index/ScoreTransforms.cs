using System.Runtime.Intrinsics;

namespace VisualRecSys.Engine.Index;

/// <summary>Turns a kernel's raw reduction into a higher-is-better score.</summary>
internal interface IScoreTransform
{
    static abstract float ToScore(float raw, float queryScale);

    static abstract Vector128<float> ToScores(Vector128<float> raw, float queryScale);
}

/// <summary>
/// Dot product times the query's scale: 1 for <see cref="DistanceMetric.Dot"/>, <c>1/|q|</c> for
/// <see cref="DistanceMetric.Angular"/> over pre-normalized rows (one multiply per row instead of normalizing
/// the query into a buffer).
/// </summary>
internal readonly struct ScaledDotScore : IScoreTransform
{
    public static float ToScore(float raw, float queryScale) => raw * queryScale;

    public static Vector128<float> ToScores(Vector128<float> raw, float queryScale) => raw * queryScale;
}

/// <summary>Negative Euclidean distance from a squared distance.</summary>
internal readonly struct NegativeDistanceScore : IScoreTransform
{
    public static float ToScore(float raw, float queryScale) => -MathF.Sqrt(raw);

    public static Vector128<float> ToScores(Vector128<float> raw, float queryScale) => -Vector128.Sqrt(raw);
}
