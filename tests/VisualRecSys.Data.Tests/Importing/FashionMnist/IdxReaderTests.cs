using VisualRecSys.Data.Importing.FashionMnist;
using VisualRecSys.Data.Tests.TestSupport;

namespace VisualRecSys.Data.Tests.Importing.FashionMnist;

public sealed class IdxReaderTests : IDisposable
{
    private const int Count = 3;
    private const int Rows = 2;
    private const int Columns = 4;
    private static readonly byte[] s_pixels = [.. Enumerable.Range(0, Count * Rows * Columns).Select(i => (byte)(i * 10))];
    private static readonly byte[] s_labels = [9, 0, 3, 3, 7];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_reads_plain_and_gzipped_files(bool gzipped)
    {
        var path = Write("images", IdxFiles.Build(IdxReader.ImagesMagic, [Count, Rows, Columns], s_pixels), gzipped);

        var images = IdxReader.ReadImages(path);

        Assert.Equal((Count, Rows, Columns), (images.Count, images.Rows, images.Columns));
        Assert.Equal(s_pixels, images.Pixels.ToArray());
        Assert.Equal(s_pixels[8..16], images.Image(1).ToArray());
        Assert.Equal(s_pixels[16..], images.Image(2).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadLabels_reads_plain_and_gzipped_files(bool gzipped)
    {
        var path = Write("labels", IdxFiles.Build(IdxReader.LabelsMagic, [s_labels.Length], s_labels), gzipped);

        Assert.Equal(s_labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void A_gzipped_file_is_recognised_by_content_not_by_name()
    {
        var path = _temp.WriteFile("labels-without-extension", IdxFiles.Gzip(IdxFiles.Build(IdxReader.LabelsMagic, [s_labels.Length], s_labels)));

        Assert.Equal(s_labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void Empty_sets_are_read()
    {
        var path = Write("empty", IdxFiles.Build(IdxReader.ImagesMagic, [0, 28, 28], []), gzipped: true);

        var images = IdxReader.ReadImages(path);

        Assert.Equal(0, images.Count);
        Assert.True(images.Pixels.IsEmpty);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_wrong_magic_number_throws_InvalidDataException(bool gzipped)
    {
        var labels = Write("labels", IdxFiles.Build(IdxReader.LabelsMagic, [s_labels.Length], s_labels), gzipped);
        var images = Write("images", IdxFiles.Build(IdxReader.ImagesMagic, [Count, Rows, Columns], s_pixels), gzipped);

        var asImages = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(labels));
        var asLabels = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(images));

        Assert.Contains("magic number 0x00000801, expected 0x00000803", asImages.Message, StringComparison.Ordinal);
        Assert.Contains(labels, asImages.Message, StringComparison.Ordinal);
        Assert.Contains("magic number 0x00000803, expected 0x00000801", asLabels.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_pixel_data_throws_InvalidDataException(bool gzipped)
    {
        var path = Write("images", IdxFiles.Build(IdxReader.ImagesMagic, [Count, Rows, Columns], s_pixels.AsSpan(0, s_pixels.Length - 1)), gzipped);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("need 24 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_header_throws_InvalidDataException(bool gzipped)
    {
        var full = IdxFiles.Build(IdxReader.LabelsMagic, [s_labels.Length], s_labels);
        var path = Write("labels", full[..6], gzipped);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(path));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_off_gzip_stream_throws_InvalidDataException()
    {
        var gzipped = IdxFiles.Gzip(IdxFiles.Build(IdxReader.ImagesMagic, [Count, Rows, Columns], s_pixels));
        var path = _temp.WriteFile("cut.gz", gzipped[..(gzipped.Length / 2)]);

        Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Absurd_sizes_throw_InvalidDataException_without_allocating_them(bool gzipped)
    {
        // 60,000 × 28 × 28 is fine; 60,000 × 2,800 × 28 is 4.7 GB.
        var images = Write("huge", IdxFiles.Build(IdxReader.ImagesMagic, [60000, 2800, 28], s_pixels), gzipped);
        var negative = Write("negative", IdxFiles.Build(IdxReader.LabelsMagic, [-1], s_labels), gzipped);

        var tooBig = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(images));
        Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(negative));

        Assert.Contains("limit", tooBig.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_rejects_an_index_out_of_range()
    {
        var set = new IdxImageSet(Count, Rows, Columns, s_pixels);

        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(Count).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(-1).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IdxImageSet(Count, Rows, Columns, s_pixels.AsMemory(1)));
    }

    private string Write(string name, byte[] bytes, bool gzipped) =>
        gzipped ? _temp.WriteFile(name + ".gz", IdxFiles.Gzip(bytes)) : _temp.WriteFile(name, bytes);
}
