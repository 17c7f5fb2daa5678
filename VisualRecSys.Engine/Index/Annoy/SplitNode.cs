namespace VisualRecSys.Engine.Index.Annoy;

/// <summary>
/// A node of one random-projection tree, in a neutral form that Annoy files and the forest both convert to and from.
/// Item ids are row positions (0 … count − 1).
/// </summary>
public abstract record SplitNode;

/// <summary>
/// An inner node. Items whose margin (<see cref="Offset"/> + dot(<see cref="Normal"/>, x)) is &gt; 0 go to
/// <see cref="Positive"/> (Annoy's <c>children[1]</c>); the others to <see cref="Negative"/>.
/// </summary>
/// <remarks>
/// Annoy uses the margin itself as a search priority and compares margins of different nodes and trees, so it keeps
/// every normal at unit length (the margin is then the signed distance to the hyperplane). Angular splits pass through
/// the origin: <see cref="Offset"/> is 0. In trees built by Annoy an item whose margin is exactly 0, and every item
/// under a split with a zero normal (Annoy's fallback when no hyperplane separates its items), went to a side chosen
/// at random: the leaves, not the margins, say where an item is.
/// </remarks>
/// <param name="Normal">The split hyperplane's normal; as many values as the vectors have.</param>
/// <param name="Offset">Added to dot(<paramref name="Normal"/>, x); always 0 for angular trees.</param>
/// <param name="Negative">The side where the margin is ≤ 0 (Annoy's <c>children[0]</c>).</param>
/// <param name="Positive">The side where the margin is &gt; 0 (Annoy's <c>children[1]</c>).</param>
public sealed record SplitInner(float[] Normal, float Offset, SplitNode Negative, SplitNode Positive) : SplitNode;

/// <summary>A leaf: the items that reached it, in stored order.</summary>
/// <param name="Items">Item ids (row positions).</param>
public sealed record SplitLeaf(int[] Items) : SplitNode;
