namespace VisualRecSys.Web.Components.Shared;

/// <summary>An image a shopper picked: its name, its bytes (kept only for the search) and a small preview, or why it was refused.</summary>
public sealed record UploadedImage(string Name, ReadOnlyMemory<byte> Bytes, string? PreviewDataUrl, string? Error);
