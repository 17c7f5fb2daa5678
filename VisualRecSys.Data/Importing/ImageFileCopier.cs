namespace VisualRecSys.Data.Importing;

/// <summary>Copies files so that the destination name only ever holds a complete file.</summary>
internal static class ImageFileCopier
{
    private const int BufferSize = 1 << 16;

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>, creating folders and replacing an existing file.</summary>
    /// <remarks>
    /// The bytes go to a hidden temporary name in the destination folder and are then renamed into
    /// place: a rename within one folder is atomic, so a crash mid-copy leaves at most a stray
    /// temporary file, never a truncated image under the real name. The data is not fsynced, which
    /// for tens of thousands of images would cost far more than re-running an import.
    /// </remarks>
    public static async Task CopyAsync(string source, string destination, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(folder);
        var tempPath = Path.Combine(folder, "." + Path.GetFileName(destination) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
            await using (input.ConfigureAwait(false))
            {
                var output = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    await input.CopyToAsync(output, ct).ConfigureAwait(false);
                }
            }

            File.Move(tempPath, destination, overwrite: true);
        }
        finally
        {
            // No-op after the move; removes the partial file after a failure or cancellation.
            File.Delete(tempPath);
        }
    }
}
