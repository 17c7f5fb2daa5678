using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using VisualRecSys.Engine.Embedding.Preprocessing;
using VisualRecSys.Engine.Index.Store;

namespace VisualRecSys.Engine.Embedding.Pipeline;

/// <summary>
/// One run of an <see cref="EmbeddingPipeline"/>: decode workers write preprocessed images straight into the rows of a
/// ring of batch buffers, and the inference loop runs the model on ranges of rows that are ready, so no input is copied.
/// </summary>
/// <remarks>
/// <para>Image <c>p</c> (in the order workers claim them) goes to buffer <c>(p / B) mod R</c>, row <c>p mod B</c>
/// (B = batch size, R = <see cref="EmbeddingPipelineOptions.QueuedBatches"/> + 1). A worker may write image p only once
/// the buffer's previous use is finished (p &lt; released + R·B), which bounds both memory and how far decoding runs ahead.</para>
/// <para>The inference loop takes the run of finished rows from its cursor to the end of the buffer, up to a full batch,
/// waiting only when the next row is not finished. Rows of images that failed are closed up before the model runs.</para>
/// <para>Copying each 600 KB input into a batch buffer cost about 2% of throughput on two cores; writing in place avoids it.</para>
/// </remarks>
internal sealed class PipelineRun : IDisposable
{
    // Encoded images smaller than this keep their byte buffer between images.
    private const int RetainedImageBytes = 4 << 20;

    private readonly OnnxImageEmbedder _embedder;
    private readonly EmbeddingStoreWriter _store;
    private readonly ImageSource[] _todo;
    private readonly int _batch;
    private readonly int _ring;
    private readonly int _workers;
    private readonly EmbeddingPipelineOptions _options;
    private readonly IProgress<EmbeddingProgress>? _progress;
    private readonly Stopwatch _clock;
    private readonly int _inputLength;
    private readonly float[][] _buffers;

    // Per ring row: p + 1 once image p is preprocessed there, −(p + 1) if it failed.
    private readonly int[] _finished;
    private readonly SemaphoreSlim _rowFinished = new(0);
    // Monitor.Wait/PulseAll need a plain object, not a Lock.
    private readonly object _gate = new();
    private readonly ConcurrentQueue<ImageFailure> _failures = new();
    private int _released;
    private int _next;
    private int _skippedRows;
    private Exception? _workerFault;

    public PipelineRun(OnnxImageEmbedder embedder, EmbeddingStoreWriter store, ImageSource[] todo, int maxBatch, int workers,
        EmbeddingPipelineOptions options, IProgress<EmbeddingProgress>? progress, Stopwatch clock)
    {
        _embedder = embedder;
        _store = store;
        _todo = todo;
        _batch = Math.Min(maxBatch, todo.Length);
        _ring = Math.Min(options.QueuedBatches + 1, ((todo.Length - 1) / _batch) + 1);
        _workers = Math.Min(workers, todo.Length);
        _options = options;
        _progress = progress;
        _clock = clock;
        _inputLength = embedder.InputFormat.InputLength;
        _buffers = new float[_ring][];
        for (var i = 0; i < _ring; i++)
        {
            _buffers[i] = new float[_batch * _inputLength];
        }

        _finished = new int[_ring * _batch];
    }

    public int Embedded { get; private set; }

    public int Batches { get; private set; }

    public IReadOnlyList<ImageFailure> Failures => [.. _failures];

    private int Window => _ring * _batch;

    public async Task RunAsync(CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = _workers;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < _workers; i++)
        {
            // Dedicated threads, not pool threads: they block while the ring is full.
            var thread = new Thread(() =>
            {
                try
                {
                    Decode(stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The run is ending.
                }
                catch (Exception e)
                {
                    // A bug, not a bad image: end the run with it.
                    Interlocked.CompareExchange(ref _workerFault, e, null);
                    _rowFinished.Release();
                }
                finally
                {
                    if (Interlocked.Decrement(ref running) == 0)
                    {
                        finished.SetResult();
                    }
                }
            })
            {
                IsBackground = true,
                Name = "Embedding decoder",
            };
            thread.Start();
        }

        try
        {
            // The model runs synchronously; keep it off the caller's thread.
            await Task.Run(() => InferAsync(ct), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            // Ends the workers if inference stopped first (cancelled or failed), then makes what was appended durable.
            await stop.CancelAsync().ConfigureAwait(false);
            await finished.Task.ConfigureAwait(false);
            _store.Commit();
        }
    }

    public void Dispose() => _rowFinished.Dispose();

    private async Task InferAsync(CancellationToken ct)
    {
        var dimension = _embedder.Dimension;
        var ids = new int[_batch];
        var vectors = new float[_batch * dimension];
        var lastCommit = Stopwatch.GetTimestamp();
        var cursor = 0;
        while (cursor < _todo.Length)
        {
            var row = cursor % _batch;
            var limit = Math.Min(_batch - row, _todo.Length - cursor);

            // Take the finished rows from the cursor on; wait only when there are none. The run starts with none: the
            // rows workers finish while the loop gets going are not a batch, so the first one is gathered like any wait.
            var count = cursor == 0 ? 0 : FinishedFrom(cursor, limit);
            if (count == 0)
            {
                count = await WaitForRowsAsync(cursor, limit, ct).ConfigureAwait(false);
            }

            var buffer = _buffers[cursor / _batch % _ring];
            var embedded = CloseFailedRows(buffer, cursor, count, ids);
            if (embedded > 0)
            {
                _embedder.EmbedPreprocessed(buffer.AsMemory(row * _inputLength, embedded * _inputLength), embedded, vectors.AsSpan(0, embedded * dimension));
                _store.Append(ids.AsSpan(0, embedded), vectors.AsSpan(0, embedded * dimension));
                Embedded += embedded;
                Batches++;
            }

            _skippedRows += count - embedded;
            cursor += count;
            if (cursor % _batch == 0)
            {
                // The buffer is done with: workers may fill it with the images one ring further on.
                lock (_gate)
                {
                    _released = cursor;
                    Monitor.PulseAll(_gate);
                }
            }

            if (Stopwatch.GetElapsedTime(lastCommit) >= _options.CommitInterval)
            {
                _store.Commit();
                lastCommit = Stopwatch.GetTimestamp();
            }

            Report(cursor);
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>How many consecutive images from <paramref name="cursor"/> are finished (at most <paramref name="limit"/>).</summary>
    private int FinishedFrom(int cursor, int limit)
    {
        var count = 0;
        while (count < limit && IsFinished(cursor + count))
        {
            count++;
        }

        return count;
    }

    private bool IsFinished(int position)
    {
        var state = Volatile.Read(ref _finished[position % Window]);
        return state == position + 1 || state == -(position + 1);
    }

    /// <summary>
    /// The model found nothing ready: waits for the next row, then keeps taking rows as they finish until the batch is
    /// full or none has finished for <see cref="EmbeddingPipelineOptions.FillWait"/> (a batch of one costs nearly as much
    /// as a full one, and workers that keep delivering fill it even on a busy machine).
    /// </summary>
    private async Task<int> WaitForRowsAsync(int cursor, int limit, CancellationToken ct)
    {
        // Forget signals of rows taken without waiting, so each wait below is for a row finishing from now on.
        while (_rowFinished.Wait(0, CancellationToken.None))
        {
        }

        var count = FinishedFrom(cursor, limit);
        while (count == 0)
        {
            await _rowFinished.WaitAsync(ct).ConfigureAwait(false);
            ThrowIfWorkerFailed();
            count = FinishedFrom(cursor, limit);
        }

        while (count < limit)
        {
            if (!await _rowFinished.WaitAsync(_options.FillWait, ct).ConfigureAwait(false))
            {
                break;
            }

            ThrowIfWorkerFailed();
            count = FinishedFrom(cursor, limit);
        }

        return count;
    }

    private void ThrowIfWorkerFailed()
    {
        if (Volatile.Read(ref _workerFault) is { } fault)
        {
            throw new InvalidOperationException($"An embedding worker failed: {fault.Message}", fault);
        }
    }

    /// <summary>
    /// Moves the rows of the images that were preprocessed over those that failed, so the model runs on whole rows only,
    /// and writes their ids to <paramref name="ids"/>. Returns how many rows remain.
    /// </summary>
    private int CloseFailedRows(float[] buffer, int cursor, int count, int[] ids)
    {
        var first = cursor % _batch;
        var kept = 0;
        for (var i = 0; i < count; i++)
        {
            if (Volatile.Read(ref _finished[(cursor + i) % Window]) < 0)
            {
                continue;
            }

            if (kept != i)
            {
                buffer.AsSpan((first + i) * _inputLength, _inputLength).CopyTo(buffer.AsSpan((first + kept) * _inputLength, _inputLength));
            }

            ids[kept++] = _todo[cursor + i].Id;
        }

        return kept;
    }

    private void Decode(CancellationToken ct)
    {
        var scratch = new PreprocessScratch();
        var bytes = new PixelBuffer<byte>(RetainedImageBytes);
        while (true)
        {
            var position = Interlocked.Increment(ref _next) - 1;
            if (position >= _todo.Length)
            {
                return;
            }

            lock (_gate)
            {
                // The row's buffer is still in use one ring back: wait for the model to finish with it.
                while (position >= _released + Window)
                {
                    ct.ThrowIfCancellationRequested();
                    Monitor.Wait(_gate, 50);
                }
            }

            var buffer = _buffers[position / _batch % _ring];
            var row = buffer.AsSpan(position % _batch * _inputLength, _inputLength);
            var ok = Prepare(_todo[position], row, scratch, bytes);
            Volatile.Write(ref _finished[position % Window], ok ? position + 1 : -(position + 1));
            _rowFinished.Release();
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Reads and preprocesses one image into <paramref name="input"/>; false (reported) when it cannot be.</summary>
    private bool Prepare(ImageSource source, Span<float> input, PreprocessScratch scratch, PixelBuffer<byte> bytes)
    {
        try
        {
            _embedder.Preprocess(Read(source, bytes), input, scratch, _options.View);
            return true;
        }
        catch (InvalidImageException e)
        {
            Fail(source.Id, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(source.Id, $"The image cannot be read: {e.Message}");
        }
        finally
        {
            bytes.Release();
        }

        return false;
    }

    private Span<byte> Read(ImageSource source, PixelBuffer<byte> bytes)
    {
        var limit = _embedder.Limits.MaxBytes;
        using var stream = source.Open();
        if (!stream.CanSeek)
        {
            // Unknown length: read in chunks and give up as soon as the limit is passed.
            using var copy = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                copy.Write(chunk, 0, read);
                if (copy.Length > limit)
                {
                    throw TooLarge(copy.Length, limit, "more than ");
                }
            }

            var target = bytes.Get((int)copy.Length);
            copy.GetBuffer().AsSpan(0, target.Length).CopyTo(target);
            return target;
        }

        // Refuse an oversized file before reading it; the decoder checks the same limit on what it is given.
        var length = stream.Length - stream.Position;
        if (length > limit)
        {
            throw TooLarge(length, limit, "");
        }

        var span = bytes.Get((int)length);
        stream.ReadExactly(span);
        return span;
    }

    private static InvalidImageException TooLarge(long length, int limit, string qualifier) =>
        new(string.Create(CultureInfo.InvariantCulture, $"The image is {qualifier}{length:N0} bytes; at most {limit:N0} bytes are accepted."));

    private void Fail(int id, string reason)
    {
        var failure = new ImageFailure(id, reason);
        _failures.Enqueue(failure);
        _options.Failed?.Invoke(failure);
    }

    /// <param name="done">Images the model has dealt with (embedded or failed).</param>
    private void Report(int done)
    {
        if (_progress is null)
        {
            return;
        }

        var seconds = _clock.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? done / seconds : 0;
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds((_todo.Length - done) / rate) : null;
        _progress.Report(new EmbeddingProgress(done, _todo.Length, _skippedRows, rate, remaining));
    }
}
