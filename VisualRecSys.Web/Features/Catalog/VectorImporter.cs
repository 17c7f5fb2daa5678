using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VisualRecSys.Data;
using VisualRecSys.Data.Importing.Vectors;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Index.Store;
using VisualRecSys.Engine.Index.Store.VectorFiles;
using VisualRecSys.Engine.Models;
using VisualRecSys.Web.Infrastructure.Hosting;

namespace VisualRecSys.Web.Features.Catalog;

/// <summary>
/// "Bring your own embeddings": vectors made elsewhere, in a <c>.npy</c> or raw <c>.f32</c> file with an ids file, for
/// products that already exist (<see cref="VectorIdsFile"/>).
/// </summary>
/// <param name="Model">A registered model's name or id (its vectors, made elsewhere), or a new name: a model known only by these vectors.</param>
/// <param name="Vectors">The <c>.npy</c> or <c>.f32</c> file, described (<see cref="VectorFile.Describe"/>) with the dimension expected.</param>
/// <param name="Ids">The CSV naming each row's product, read (<see cref="VectorIdsFile.Read"/>).</param>
public sealed record VectorImportRequest(string Model, VectorFile Vectors, VectorIdsFile Ids);

/// <summary>What an import of vectors did.</summary>
/// <param name="ModelId">The model id the vectors are stored under.</param>
/// <param name="VectorsOnly">Whether the model is known only by its vectors (no image pipeline: photos are refused).</param>
/// <param name="Rows">Vectors imported.</param>
/// <param name="Dimension">Floats per vector.</param>
/// <param name="StorePath">The model's embedding store.</param>
/// <param name="StoreRows">Rows in the store after the import (a product imported again keeps its last vector).</param>
/// <param name="Elapsed">Time taken, checks included.</param>
/// <param name="Checking">Of which: the files, ids and products checked, and every value read for NaN and infinity.</param>
public sealed record VectorImportReport(string ModelId, bool VectorsOnly, long Rows, int Dimension, string StorePath, long StoreRows, TimeSpan Elapsed,
    TimeSpan Checking);

/// <summary>
/// Imports vectors made elsewhere into a model's embedding store. Everything is checked before anything is written:
/// the file's layout and dimension, the ids (count, duplicates, unknown products), the model and its store's dimension,
/// and every value (no NaN or infinity). Only then are the rows appended, in blocks, and committed.
/// </summary>
public sealed class VectorImporter(IDbContextFactory<VisualRecSysDbContext> dbFactory, EmbeddingModelRegistry registry, DataPaths paths)
{
    /// <summary>Checks the request's files and model, then appends the vectors to the model's store.</summary>
    /// <exception cref="InvalidDataException">A file, an id or a value is refused; the message says which, and nothing was written.</exception>
    /// <exception cref="ArgumentException">The model cannot take these vectors (a head, another dimension, not a usable id).</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="EmbeddingStoreBusyException">Another process is writing the model's store.</exception>
    public async Task<VectorImportReport> ImportAsync(VectorImportRequest request, IProgress<VectorImportProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var (file, idsFile) = (request.Vectors, request.Ids);
        if (idsFile.Count != file.Rows)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{idsFile.Path} names {idsFile.Count:N0} rows; {file.Path} has {file.Rows:N0}: one product per row, in the same order"));
        }

        var (modelId, vectorsOnly) = ResolveModel(request.Model, file.Dimension);
        CheckStore(modelId, file.Dimension);
        int[] ids;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            ids = await idsFile.ResolveAsync(db, ct);
        }

        using var mapped = MappedVectorFile.Open(file);
        VectorImport.CheckFinite(mapped, progress, ct);

        // Checked: from here on the rows are written.
        var checking = clock.Elapsed;
        using var writer = EmbeddingStoreWriter.Open(paths.Embeddings, modelId, file.Dimension);
        VectorImport.AppendTo(writer, mapped, ids, progress, ct);
        return new VectorImportReport(modelId, vectorsOnly, file.Rows, file.Dimension, writer.Path, writer.Count, clock.Elapsed, checking);
    }

    /// <summary>
    /// The model id the vectors go under: a registered model's own id (its image pipeline stays usable, so the vectors
    /// must have its dimension), else <paramref name="model"/> itself, a model known only by its vectors.
    /// </summary>
    private (string ModelId, bool VectorsOnly) ResolveModel(string model, int dimension)
    {
        if (ModelId.NamesHead(model))
        {
            throw new ArgumentException($"--model {model} is a head: its vectors are computed from its backbone's (the embed verb), not imported.");
        }

        EmbeddingModel registered;
        try
        {
            registered = registry.Get(model);
        }
        catch (ArgumentException)
        {
            if (!ModelId.TryParse(model, out var id) || id.IsDerivedStore || !EmbeddingModelRegistry.IsValidName(model))
            {
                throw new ArgumentException(
                    $"--model '{model}' cannot name a model: use letters, digits, '.', '-' and '_' (not first), at most {EmbeddingModelRegistry.MaxNameLength}, and no '{ModelId.MirroredSuffix}' or '{ModelId.EditedMarker}' part.");
            }

            return (model, true);
        }

        if (registered.Dimension != dimension)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--dim {dimension}: model {registered.Name} ({registered.Id}) makes {registered.Dimension}-dimensional vectors."));
        }

        return (registered.Id, false);
    }

    private void CheckStore(string modelId, int dimension)
    {
        using var store = EmbeddingStoreReader.TryOpen(paths.Embeddings, modelId);
        if (store is not null && store.Dimension != dimension)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{store.Path} already holds {store.Dimension}-dimensional vectors of model {modelId}; --dim is {dimension}. Import under another --model name"));
        }
    }
}
