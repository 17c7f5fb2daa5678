namespace VisualRecSys.Engine.Tests.Index.Annoy;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Directory { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vrs-annoy-" + Guid.NewGuid().ToString("N"));

    public TempFiles() => System.IO.Directory.CreateDirectory(Directory);

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
