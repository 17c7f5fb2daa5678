namespace VisualRecSys.Data.Importing;

/// <summary>What an importer hands to <see cref="ProductBatchWriter"/>.</summary>
/// <param name="Entries">The source's entries in source order, produced lazily; source keys are unique.</param>
/// <param name="Total">How many entries <paramref name="Entries"/> yields.</param>
/// <param name="Categories">Distinct categories among the entries, for the report.</param>
/// <param name="HeldOut">Source rows deliberately left out of <paramref name="Entries"/>, for the report.</param>
/// <param name="Options">Images folder and batch size.</param>
internal sealed record ImportJob(IEnumerable<ImportEntry> Entries, int Total, int Categories, int HeldOut, ImportOptions Options);
