using System.Text.Json;
using System.Text.Json.Serialization;

namespace VisualRecSys.Engine.Evaluation.Instance;

/// <summary>Writes an <see cref="ImageEditKind"/> by its report name (<c>crop_shift</c>) and reads it back; unknown names are refused.</summary>
public sealed class ImageEditKindJsonConverter : JsonConverter<ImageEditKind>
{
    /// <inheritdoc/>
    public override bool HandleNull => false;

    /// <inheritdoc/>
    public override ImageEditKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ImageEditKinds.Parse(reader.GetString()) ?? throw new JsonException($"Unknown edit '{reader.GetString()}'.");

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ImageEditKind value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Name());
    }
}
