using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Testing;
using VisualRecSys.Web.Components.Shared;

namespace VisualRecSys.Web.Tests.Components.Shared;

public class ImageDropZoneTests : MudTestContext
{
    public ImageDropZoneTests() => Context.Services.AddOptions<EmbeddingOptions>();

    private static byte[] DemoImage() =>
        File.ReadAllBytes(Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query", "02001.png"));

    private (IRenderedComponent<ImageDropZone> Zone, List<UploadedImage> Received) RenderZone(long maxFileBytes = 0)
    {
        var received = new List<UploadedImage>();
        var zone = Context.Render<ImageDropZone>(p => p
            .Add(z => z.MaxFileBytes, maxFileBytes)
            .Add(z => z.OnImagesSelected, images => received.AddRange(images)));
        return (zone, received);
    }

    [Fact]
    public void Picked_images_arrive_with_their_bytes_and_a_png_preview()
    {
        var (zone, received) = RenderZone();
        var bytes = DemoImage();

        zone.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(bytes, "boot.png", contentType: "image/png"),
            InputFileContent.CreateFromBinary(bytes, "again.png", contentType: "image/png"));

        zone.WaitForAssertion(() => Assert.Equal(2, received.Count));
        Assert.Equal(["boot.png", "again.png"], received.Select(r => r.Name));
        Assert.All(received, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(bytes, r.Bytes.ToArray());
            Assert.StartsWith("data:image/png;base64,", r.PreviewDataUrl);
        });
    }

    [Fact]
    public void A_file_that_is_not_an_image_is_refused_with_the_reason()
    {
        var (zone, received) = RenderZone();

        zone.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("hello", "notes.png"));

        zone.WaitForAssertion(() => Assert.Single(received));
        Assert.Contains("not an image", received[0].Error);
        Assert.Null(received[0].PreviewDataUrl);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_without_being_read()
    {
        var (zone, received) = RenderZone(maxFileBytes: 100);

        zone.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(DemoImage(), "big.png"));

        zone.WaitForAssertion(() => Assert.Single(received));
        Assert.Contains("over the", received[0].Error);
        Assert.True(received[0].Bytes.IsEmpty);
    }
}
