using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>
/// An app stopping while an inference runs (a "why" computation, an upload) disposes the embedder under it. Freeing the
/// native session then killed the process (SIGSEGV); disposal must stop the inference and wait for it instead.
/// </summary>
public sealed class DisposeDuringInferenceTests
{
    [Fact]
    public async Task Disposing_while_an_inference_runs_ends_it_with_an_exception_before_the_session_is_freed()
    {
        var embedder = new OnnxImageEmbedder(new EmbeddingOptions());
        // A batch that takes a good second on two cores, run back to back: Dispose lands inside one.
        const int Batch = 96;
        var inputs = new float[Batch * embedder.InputFormat.InputLength];
        var outputs = new float[Batch * embedder.Dimension];
        using var started = new ManualResetEventSlim();
        var worker = Task.Run(() =>
        {
            while (true)
            {
                started.Set();
                embedder.EmbedPreprocessed(inputs, Batch, outputs);
            }
        });
        started.Wait();
        await Task.Delay(300);

        var disposing = Stopwatch.StartNew();
        embedder.Dispose();
        disposing.Stop();

        // Dispose returned only once the inference had ended: the worker is done at once, not a batch later.
        var ended = await Task.WhenAny(worker, Task.Delay(TimeSpan.FromMilliseconds(250)));
        Assert.Same(worker, ended);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => worker);
        Assert.True(error is ObjectDisposedException or OnnxRuntimeException, error.ToString());
        Assert.True(disposing.Elapsed < OnnxImageEmbedder.InferenceDrainTimeout, $"Dispose took {disposing.Elapsed}");

        Assert.Throws<ObjectDisposedException>(() => embedder.EmbedPreprocessed(inputs, Batch, outputs));
    }
}
