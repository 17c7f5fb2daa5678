using VisualRecSys.Engine.Embedding;

namespace VisualRecSys.Engine.Tests.Embedding;

/// <summary>How many threads one inference gets: ONNX Runtime's own default chose one on this project's 2-vCPU machines.</summary>
public sealed class SessionThreadsTests
{
    [Fact]
    public void Unset_threads_mean_one_per_processor_this_process_may_use()
    {
        Assert.Equal(Environment.ProcessorCount, ModelSessionFactory.IntraOpThreads(new EmbeddingOptions()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Configured_threads_are_kept(int threads)
    {
        Assert.Equal(threads, ModelSessionFactory.IntraOpThreads(new EmbeddingOptions { IntraOpThreads = threads }));
    }
}
