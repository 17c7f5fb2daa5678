using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using SkiaSharp;
using VisualRecSys.Engine.Embedding;
using Xunit.Abstractions;

namespace VisualRecSys.Engine.Tests.Embedding;

[Collection(ModelTests.Name)]
public sealed class EmbedderTests(EmbedderFixture fixture, ITestOutputHelper output)
{
    private readonly OnnxImageEmbedder _embedder = fixture.Embedder;

    private float[] Embed(byte[] image)
    {
        var vector = new float[_embedder.Dimension];
        _embedder.Embed(image, vector);
        return vector;
    }

    [Fact]
    public void Reports_the_model_identity()
    {
        // resnet18-<12 hex digits of the content hash>, the same for every load of the same file.
        Assert.Matches("^resnet18-[0-9a-f]{12}$", _embedder.ModelId);
        Assert.Equal(_embedder.ModelId, new EmbeddingModelRegistry(new EmbeddingOptions()).Active.Id);
        Assert.Equal(512, _embedder.Dimension);
    }

    [Fact]
    public void Same_image_twice_gives_the_identical_vector()
    {
        var first = Embed(TestImages.Sneaker(0));
        var second = Embed(TestImages.Sneaker(0));

        Assert.Equal(first, second);
        Assert.True(TensorPrimitives.Norm(first) > 1f, "a real image should have non-trivial features");
        Assert.True(TensorPrimitives.IsFiniteAll<float>(first));
    }

    [Fact]
    public void A_batch_equals_the_images_embedded_one_by_one()
    {
        var a = TestImages.Sneaker(0);
        var b = TestImages.Trouser(0);
        var batch = new float[2 * _embedder.Dimension];

        _embedder.EmbedBatch([a, b], batch);

        AssertClose(Embed(a), batch.AsSpan(0, 512), 1e-4f);
        AssertClose(Embed(b), batch.AsSpan(512, 512), 1e-4f);
    }

    [Fact]
    public void Sneakers_are_closer_to_sneakers_than_to_trousers()
    {
        var sneakers = TestImages.Names("sneaker").Select(n => Embed(TestImages.Load(n))).ToArray();
        var trousers = TestImages.Names("trouser").Select(n => Embed(TestImages.Load(n))).ToArray();
        Assert.Equal(3, sneakers.Length);
        Assert.Equal(3, trousers.Length);

        for (var i = 0; i < sneakers.Length; i++)
        {
            for (var j = 0; j < sneakers.Length; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var sameCategory = TensorPrimitives.CosineSimilarity(sneakers[i], sneakers[j]);
                foreach (var trouser in trousers)
                {
                    var otherCategory = TensorPrimitives.CosineSimilarity(sneakers[i], trouser);
                    Assert.True(sameCategory > otherCategory, $"sneaker {i}~sneaker {j} = {sameCategory:F3} but sneaker {i}~trouser = {otherCategory:F3}");
                }
            }
        }
    }

    [Fact]
    public void Mean_same_category_similarity_beats_cross_category()
    {
        var files = Directory.GetFiles(TestImages.Directory, "*.png").Order(StringComparer.Ordinal).ToArray();
        var categories = files.Select(f => Path.GetFileName(f).Split('-')[0]).ToArray();
        var vectors = new float[files.Length * _embedder.Dimension];
        _embedder.EmbedBatch(files.Select(f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f)).ToArray(), vectors);

        double same = 0, cross = 0;
        int sameCount = 0, crossCount = 0;
        for (var i = 0; i < files.Length; i++)
        {
            for (var j = i + 1; j < files.Length; j++)
            {
                var cosine = TensorPrimitives.CosineSimilarity(vectors.AsSpan(i * 512, 512), vectors.AsSpan(j * 512, 512));
                if (categories[i] == categories[j])
                {
                    same += cosine;
                    sameCount++;
                }
                else
                {
                    cross += cosine;
                    crossCount++;
                }
            }
        }

        output.WriteLine($"mean cosine: same category {same / sameCount:F3} ({sameCount} pairs), cross {cross / crossCount:F3} ({crossCount} pairs)");
        Assert.True(same / sameCount > cross / crossCount);
    }

    [Fact]
    public void Provider_is_reported_with_a_reason()
    {
        var provider = _embedder.Provider;
        output.WriteLine($"{provider.Name}: {provider.Reason}");

        if (provider.Name == "CUDA")
        {
            Assert.Equal("available", provider.Reason);
        }
        else
        {
            // This machine has no CUDA 13 libraries (nor GPU): Auto falls back to the CPU and says why.
            Assert.Equal("CPU", provider.Name);
            Assert.StartsWith("CUDA provider unavailable: ", provider.Reason, StringComparison.Ordinal);
            Assert.True(provider.Reason.Length > "CUDA provider unavailable: ".Length + 5);
        }
    }

    [Fact]
    public void Requiring_cuda_where_it_is_unavailable_fails_instead_of_falling_back()
    {
        if (_embedder.Provider.Name == "CUDA")
        {
            return; // Nothing to prove on a machine where CUDA works.
        }

        var e = Assert.Throws<ExecutionProviderUnavailableException>(() => new OnnxImageEmbedder(new EmbeddingOptions { Provider = ExecutionProviderPreference.Cuda }));
        output.WriteLine(e.Message);
        Assert.StartsWith("VisualRecSys:Embedding:Provider is Cuda, but the CUDA execution provider cannot be used: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("set VisualRecSys:Embedding:Provider to Auto", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_square_colour_and_transparent_images_embed()
    {
        var photo = Embed(TestImages.ColourPhoto(300, 200));
        var webp = Embed(TestImages.ColourPhoto(120, 260, SKEncodedImageFormat.Webp));
        var transparent = Embed(TestImages.TransparentPng(64, 48, canvas =>
        {
            using var paint = new SKPaint { Color = SKColors.DarkRed, IsAntialias = true };
            canvas.DrawOval(32, 24, 20, 12, paint);
        }));

        foreach (var vector in new[] { photo, webp, transparent })
        {
            Assert.True(TensorPrimitives.IsFiniteAll<float>(vector));
            Assert.True(TensorPrimitives.Norm(vector) > 1f);
        }

        Assert.NotEqual(photo, transparent);
    }

    [Fact]
    public void Invalid_images_are_refused_with_InvalidImageException()
    {
        var destination = new float[512];
        Assert.Throws<InvalidImageException>(() => _embedder.Embed([], destination));
        Assert.Throws<InvalidImageException>(() => _embedder.Embed("not an image at all"u8, destination));
        Assert.Throws<InvalidImageException>(() => _embedder.Embed(TestImages.PngClaiming(100_000, 100_000), destination));
    }

    [Fact]
    public void A_bad_image_in_a_batch_is_named_by_its_index()
    {
        var destination = new float[3 * 512];
        ReadOnlyMemory<byte>[] images = [TestImages.Sneaker(0), TestImages.Trouser(0), new byte[] { 1, 2, 3 }];

        var e = Assert.Throws<InvalidImageException>(() => _embedder.EmbedBatch(images, destination));
        Assert.StartsWith("Image 2 of the batch", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Destination_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _embedder.Embed(TestImages.Sneaker(0), new float[511]));
        Assert.Throws<ArgumentException>(() => _embedder.EmbedBatch([TestImages.Sneaker(0)], new float[1024]));
    }

    [Fact]
    public void Concurrent_embeds_agree()
    {
        var image = TestImages.Sneaker(1);
        var expected = Embed(image);
        var results = new float[4][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => results[i] = Embed(image));

        foreach (var result in results)
        {
            AssertClose(expected, result, 1e-5f);
        }
    }

    [Fact]
    public void Measures_latency()
    {
        var single = TestImages.ColourPhoto(640, 480);
        var vector = new float[512];
        _embedder.Embed(single, vector); // warm-up

        var times = new double[5];
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _embedder.Embed(single, vector);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        var batch = Enumerable.Range(0, 16).Select(i => (ReadOnlyMemory<byte>)(i % 2 == 0 ? single : TestImages.Sneaker(i % 3))).ToArray();
        var batchVectors = new float[16 * 512];
        var batchTimes = new double[2];
        for (var i = 0; i < batchTimes.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _embedder.EmbedBatch(batch, batchVectors);
            batchTimes[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        output.WriteLine($"provider {_embedder.Provider.Name}; model load {_embedder.LoadTime.TotalMilliseconds:F0} ms");
        output.WriteLine($"single 640x480 JPEG: {string.Join(", ", times.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))} ms (median {times.Order().ElementAt(2):F1})");
        output.WriteLine($"batch of 16: {string.Join(", ", batchTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms ({batchTimes.Min() / 16:F1} ms/image)");
        Assert.All(times, t => Assert.True(t > 0));
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0f;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = MathF.Max(worst, MathF.Abs(expected[i] - actual[i]));
        }

        Assert.True(worst < tolerance, $"max abs difference {worst} >= {tolerance}");
    }
}
