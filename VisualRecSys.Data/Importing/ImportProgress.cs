namespace VisualRecSys.Data.Importing;

/// <summary>How far an import is.</summary>
/// <param name="Done">Source entries handled so far (added, already present or skipped).</param>
/// <param name="Total">Source entries in all; <see cref="Done"/> reaches it when the import ends.</param>
public readonly record struct ImportProgress(int Done, int Total);
