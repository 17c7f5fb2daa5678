using System.Diagnostics;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Testing.Images;
using Xunit.Abstractions;

namespace VisualRecSys.Engine.Tests.Robustness;

/// <summary>
/// Thousands of damaged images (a fixed seed, so a failure reproduces) through everything an upload goes through before
/// the model: validation, decoding, orientation, resampling, normalisation, and the thumbnail renderer. Each either
/// works or is refused with <see cref="InvalidImageException"/>; nothing else escapes, nothing hangs, memory stays flat.
/// </summary>
[Collection(AloneTests.Name)]
public sealed class ImageFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;
    private const int Seed = 20261129;

    // Smaller than the app's 40 megapixels so that a mutated header claiming a large but allowed size costs
    // milliseconds, not a 160 MB allocation per case; the check itself is the same code.
    private static readonly ImageLimits s_limits = new(2 * 1024 * 1024, 4_000_000);

    [Fact]
    public void Damaged_images_are_either_read_or_refused_with_a_clear_reason()
    {
        var corpus = FuzzCorpus.Create(TestImages.Names("sneaker").Concat(TestImages.Names("bag")).Select(TestImages.Load));
        var mutator = new ImageMutator(corpus, Seed);
        var format = ModelInputFormat.WithMeanAndStd(ImagePreprocessor.InputSize, ChannelOrder.Rgb, PixelRange.Unit,
            [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
        var input = new float[format.InputLength];
        var failures = new List<string>();
        int accepted = 0, refused = 0;
        long baselineWorkingSet = 0, baselineManaged = 0;
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();

        for (var n = 0; n < Cases; n++)
        {
            if (n == Cases / 10)
            {
                // After warm-up: Skia's and the runtime's caches are filled, so growth from here on would be a leak.
                baselineManaged = GC.GetTotalMemory(forceFullCollection: true);
                baselineWorkingSet = Environment.WorkingSet;
            }

            var (bytes, description) = mutator.Next();
            var started = clock.Elapsed;
            try
            {
                ImageValidator.Validate(bytes, s_limits);
                ImagePreprocessor.ToModelInput(bytes, input, format, s_limits);
                if (!input.All(float.IsFinite))
                {
                    failures.Add($"case {n}: {description}: the model input holds NaN or infinity");
                }

                if (n % 8 == 0)
                {
                    ImagePreprocessor.Thumbnail(bytes, 64, s_limits);
                }

                accepted++;
            }
            catch (InvalidImageException)
            {
                refused++;
            }
            catch (Exception e)
            {
                failures.Add($"case {n}: {description}: {e.GetType().Name}: {e.Message}");
            }

            var took = clock.Elapsed - started;
            slowest = took > slowest ? took : slowest;
        }

        var managedGrowth = GC.GetTotalMemory(forceFullCollection: true) - baselineManaged;
        var workingSetGrowth = Environment.WorkingSet - baselineWorkingSet;
        output.WriteLine($"{Cases} cases in {clock.Elapsed.TotalSeconds:F1} s: {accepted} read, {refused} refused; slowest {slowest.TotalMilliseconds:F0} ms; " +
            $"managed heap {managedGrowth / 1024:N0} KB, working set {workingSetGrowth / (1024 * 1024):N0} MB after warm-up");

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.True(refused > Cases / 10 && accepted > Cases / 10, $"the mutations should both break and spare images: {accepted} read, {refused} refused");
        Assert.True(slowest < TimeSpan.FromSeconds(2), $"one case took {slowest.TotalMilliseconds:F0} ms");
        Assert.True(managedGrowth < 16 * 1024 * 1024, $"the managed heap grew by {managedGrowth:N0} bytes");
        Assert.True(workingSetGrowth < 96 * 1024 * 1024, $"the working set grew by {workingSetGrowth:N0} bytes");
    }
}

/// <summary>
/// Tests that measure the process (memory growth, time per case) run alone, after the parallel ones: other tests'
/// allocations on other threads would count as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneTests
{
    public const string Name = "Alone";
}
