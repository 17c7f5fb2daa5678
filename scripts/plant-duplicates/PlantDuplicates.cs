#:project ../../VisualRecSys.Engine/VisualRecSys.Engine.csproj
#:project ../../VisualRecSys.Data/VisualRecSys.Data.csproj

// Plants duplicates in a catalog folder for measure-duplicates-threshold.sh: for each original id given, a copy made by
// the evaluation's own seeded edits (VisualRecSys.Engine's ImageEdits: a JPEG re-encode, a change of tone, a light blur
// or noise), added to catalog.csv as a new product of the same category titled "Planted copy of #id".
// Usage: dotnet run PlantDuplicates.cs -- <catalog.csv> <id> [<id> ...]; prints "copy original edit" per line.
using System.Globalization;
using VisualRecSys.Data.Catalog;
using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Evaluation.Instance;

var csv = Path.GetFullPath(args[0]);
var folder = Path.GetDirectoryName(csv)!;
var rows = CatalogCsv.Read(csv).ToList();
ImageEditKind[] kinds = [ImageEditKind.Jpeg, ImageEditKind.Tone, ImageEditKind.Blur, ImageEditKind.Noise];
var next = rows.Max(r => r.Id) + 1;
Directory.CreateDirectory(Path.Combine(folder, "planted"));
foreach (var (arg, i) in args.Skip(1).Select((a, i) => (a, i)))
{
    var original = rows.Single(r => r.Id == int.Parse(arg, CultureInfo.InvariantCulture));
    var kind = kinds[i % kinds.Length];
    var edited = ImageEdits.Apply(File.ReadAllBytes(Path.Combine(folder, original.File)), kind, seed: 17 + i, ImageLimits.Default);
    var file = $"planted/{next}.{(kind == ImageEditKind.Jpeg ? "jpg" : "png")}";
    File.WriteAllBytes(Path.Combine(folder, file), edited.Encoded);
    rows.Add(original with { Id = next, Title = $"Planted copy of #{original.Id}", File = file });
    Console.WriteLine($"{next} {original.Id} {edited.Description}");
    next++;
}

CatalogCsv.Write(csv, rows);
