using VisualRecSys.Engine.Heads;

namespace VisualRecSys.Engine.Tests.Heads;

public sealed class HeadLibraryTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-head-library-" + Guid.NewGuid().ToString("N"));

    private string Folder => Path.Combine(_root, "heads");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void An_empty_or_missing_folder_lists_nothing_and_an_unknown_head_is_refused_naming_the_folder()
    {
        var library = new HeadLibrary(Folder);

        Assert.Empty(library.List());
        var refused = Assert.Throws<ArgumentException>(() => library.Get("backbone-0123456789ab.head-00112233aabb"));
        Assert.Contains(Folder, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Saved_heads_are_listed_newest_first_and_read_back_by_a_second_library_on_the_same_folder()
    {
        var older = HeadFileTests.TrainedHead(mirror: false, seed: 1);
        var newer = HeadFileTests.TrainedHead(mirror: false, seed: 2);
        var library = new HeadLibrary(Folder);
        File.SetLastWriteTimeUtc(library.Save(older), DateTime.UtcNow.AddMinutes(-5));
        library.Save(newer);

        Assert.Equal([newer.Id, older.Id], library.List());
        var reread = new HeadLibrary(Folder).Get(older.Id);
        Assert.Equal(older.Id, reread.Id);
        Assert.Equal(older.Network.Layers[0].Weights, reread.Network.Layers[0].Weights);
    }

    [Fact]
    public void Install_copies_a_sound_head_in_under_its_id_and_refuses_a_damaged_one_leaving_nothing()
    {
        var head = HeadFileTests.TrainedHead(mirror: false);
        var elsewhere = HeadFile.Save(head, Path.Combine(_root, "shipped"));
        var library = new HeadLibrary(Folder);

        Assert.Equal(head.Id, library.Install(elsewhere).Id);
        Assert.True(File.Exists(HeadFile.PathFor(Folder, head.Id)));

        var damaged = Path.Combine(_root, "damaged", Path.GetFileName(elsewhere));
        Directory.CreateDirectory(Path.GetDirectoryName(damaged)!);
        var bytes = File.ReadAllBytes(elsewhere);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(damaged, bytes);
        var other = new HeadLibrary(Path.Combine(_root, "other"));
        Assert.Throws<InvalidDataException>(() => other.Install(damaged));
        Assert.Empty(other.List());
    }
}
