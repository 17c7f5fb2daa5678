using System.Net.Http.Headers;
using VisualRecSys.Testing;

namespace VisualRecSys.Web.Tests.TestSupport;

/// <summary>Multipart forms as browsers and scripts send them to <c>POST /api/similar</c>.</summary>
internal static class UploadForms
{
    public static byte[] QueryImage(int id) =>
        File.ReadAllBytes(Path.Combine(TestCatalog.RepositoryRoot, "wwwroot-assets", "demo-catalog", "query", $"{id:D5}.png"));

    /// <summary>One file in the <c>images</c> field with the given name and declared type.</summary>
    public static MultipartFormDataContent One(byte[] bytes, string fileName = "image.png", string contentType = "image/png")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { content, "images", fileName } };
    }
}
