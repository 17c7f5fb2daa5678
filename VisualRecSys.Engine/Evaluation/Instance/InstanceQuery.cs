namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>
/// One search of the instance evaluation: an image that should find the gallery items of its <see cref="Group"/> first.
/// With edited copies the group is the original product's id (only it is relevant); with a data set's item ids it is the
/// item's number, shared by every photograph of the item.
/// </summary>
/// <param name="Source">The product the query image came from: the original that was edited, or the data set's query image.</param>
/// <param name="Group">What it must find: gallery items of this group are relevant.</param>
/// <param name="Category">The category of <see cref="Source"/> (index into the evaluation's categories).</param>
/// <param name="Edit">The edit made, or null when the query is a photograph of the data set itself.</param>
/// <param name="EditSeed">The seed of the edit (0 without one): with <see cref="Source"/>'s image it reproduces the query.</param>
public readonly record struct InstanceQuery(int Source, int Group, int Category, ImageEditKind? Edit, int EditSeed);
