using System.Globalization;

namespace VisualRecSys.Data.Importing;

/// <summary>Reads an image file from an import source and has it inspected, without letting a bad file throw.</summary>
internal static class SourceImage
{
    /// <summary>
    /// Reads <paramref name="path"/> unless it is missing or larger than the inspector accepts, and inspects the bytes.
    /// </summary>
    /// <returns>The bytes and a valid inspection, or a problem to report.</returns>
    public static (byte[]? Bytes, ImageInspection? Inspection, string? Problem) Load(string path, IImageInspector inspector)
    {
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                return (null, null, "file not found");
            }

            // Checked before reading, so a huge file never reaches memory.
            if (file.Length > inspector.MaxBytes)
            {
                return (null, null, string.Create(
                    CultureInfo.InvariantCulture, $"the file is {file.Length:N0} bytes; at most {inspector.MaxBytes:N0} bytes are accepted"));
            }

            var bytes = File.ReadAllBytes(path);
            var inspection = inspector.Inspect(bytes);
            return inspection.IsValid ? (bytes, inspection, null) : (null, null, inspection.Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable source file is a bad entry, not a reason to stop the import.
            return (null, null, "cannot be read: " + e.Message);
        }
    }

    /// <summary>
    /// <paramref name="imagePath"/> named for the format its bytes really are: its own extension when that names the
    /// format (<c>.jpeg</c> for a JPEG stays), else <paramref name="realExtension"/> (a PNG called <c>.jpg</c> becomes <c>.png</c>).
    /// </summary>
    public static string WithRealExtension(string imagePath, string realExtension)
    {
        var own = Path.GetExtension(imagePath);
        var keep = string.Equals(own, realExtension, StringComparison.OrdinalIgnoreCase)
            || (realExtension == ".jpg" && string.Equals(own, ".jpeg", StringComparison.OrdinalIgnoreCase));
        return keep ? imagePath : Path.ChangeExtension(imagePath, realExtension);
    }
}
