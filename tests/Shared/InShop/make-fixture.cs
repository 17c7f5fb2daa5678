// Writes this folder's fixture: a tiny data set in DeepFashion In-shop's layout (img/<gender>/<category>/<item>/*.jpg and
// Eval/list_eval_partition.txt). Not part of any project; run it with the .NET 10 SDK from the repository root:
//   dotnet run tests/Shared/InShop/make-fixture.cs -- tests/Shared/InShop
// Each item is a garment-like shape in its own colours and pattern; its photographs are shifted and zoomed a little, with
// a sprinkle of seeded noise, so photographs of one item look alike and other items do not. 48 × 64 JPEGs, quality 80.
#:package SkiaSharp@3.119.4
#:package SkiaSharp.NativeAssets.Linux.NoDependencies@3.119.4
using SkiaSharp;

var root = args[0];
var lines = new List<string>();

void Photo(string path, string item, string status, SKColor colour, SKColor marks, int pattern, int shift, float zoom, int seed)
{
    const int Width = 48, Height = 64;
    using var bitmap = new SKBitmap(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
    using (var canvas = new SKCanvas(bitmap))
    {
        canvas.Clear(new SKColor(235, 235, 232));
        canvas.Translate(Width / 2f + shift, Height / 2f);
        canvas.Scale(zoom);
        canvas.Translate(-Width / 2f, -Height / 2f);
        using var fill = new SKPaint { Color = colour, IsAntialias = true };
        using var body = new SKPath();
        body.MoveTo(14, 6);
        body.LineTo(34, 6);
        body.LineTo(40, 58);
        body.LineTo(8, 58);
        body.Close();
        canvas.DrawPath(body, fill);
        canvas.ClipPath(body);
        using var mark = new SKPaint { Color = marks, IsAntialias = true, StrokeWidth = 3 };
        for (var i = -60; i < 120; i += 8)
        {
            switch (pattern)
            {
                case 0: canvas.DrawLine(i, 0, i + 60, 64, mark); break; // diagonal stripes
                case 1: for (var y = 4; y < 64; y += 8) { canvas.DrawCircle(i, y, 2, mark); } break; // dots
                case 2: canvas.DrawLine(i, 0, i, 64, mark); canvas.DrawLine(0, i, 48, i, mark); break; // checks
                default: canvas.DrawLine(0, i, 48, i, mark); break; // horizontal stripes
            }
        }
    }

    var random = new Random(seed);
    for (var n = 0; n < 60; n++)
    {
        bitmap.SetPixel(random.Next(Width), random.Next(Height), new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
    }

    using var image = SKImage.FromBitmap(bitmap);
    using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
    var full = Path.Combine(root, path);
    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
    File.WriteAllBytes(full, data.ToArray());
    lines.Add($"{path,-70}{item,-16}{status}");
}

SKColor denim = new(40, 70, 140), denimMarks = new(90, 120, 190);
SKColor red = new(190, 30, 40), redMarks = new(250, 230, 230);
SKColor green = new(40, 140, 70), greenMarks = new(240, 240, 200);
SKColor yellow = new(230, 180, 40), yellowMarks = new(60, 40, 20);
Photo("img/MEN/Denim/id_00000001/01_1_front.jpg", "id_00000001", "train", denim, denimMarks, 0, 0, 1f, 1);
Photo("img/MEN/Denim/id_00000001/01_2_side.jpg", "id_00000001", "train", denim, denimMarks, 0, 3, 0.9f, 2);
Photo("img/WOMEN/Dresses/id_00000002/02_1_front.jpg", "id_00000002", "query", red, redMarks, 1, 0, 1f, 3);
Photo("img/WOMEN/Dresses/id_00000002/02_2_side.jpg", "id_00000002", "gallery", red, redMarks, 1, -3, 0.92f, 4);
Photo("img/WOMEN/Dresses/id_00000002/02_4_full.jpg", "id_00000002", "gallery", red, redMarks, 1, 2, 0.8f, 5);
Photo("img/WOMEN/Blouses_Shirts/id_00000003/01_1_front.jpg", "id_00000003", "query", green, greenMarks, 2, 0, 1f, 6);
Photo("img/WOMEN/Blouses_Shirts/id_00000003/01_2_side.jpg", "id_00000003", "gallery", green, greenMarks, 2, 3, 0.9f, 7);
Photo("img/WOMEN/Blouses_Shirts/id_00000003/01_3_back.jpg", "id_00000003", "gallery", green, greenMarks, 2, -2, 1.05f, 8);
Photo("img/WOMEN/Dresses/id_00000004/03_1_front.jpg", "id_00000004", "query", yellow, yellowMarks, 3, 0, 1f, 9);
Photo("img/WOMEN/Dresses/id_00000004/03_2_side.jpg", "id_00000004", "gallery", yellow, yellowMarks, 3, 2, 0.9f, 10);
// A corrupt image: the back view, cut off halfway through its compressed data.
Photo("img/WOMEN/Dresses/id_00000004/03_3_back.jpg", "id_00000004", "gallery", yellow, yellowMarks, 3, 1, 1f, 12);
var back = Path.Combine(root, "img/WOMEN/Dresses/id_00000004/03_3_back.jpg");
var bytes = File.ReadAllBytes(back);
File.WriteAllBytes(back, bytes[..(bytes.Length / 2)]);
// A bad line: a good image whose line names another item than its folder.
Photo("img/WOMEN/Dresses/id_00000004/03_7_additional.jpg", "id_00000005", "gallery", yellow, yellowMarks, 3, -2, 0.95f, 11);

// DeepFashion's files: the number of entries, the header, padded columns, CRLF line ends.
var partition = Path.Combine(root, "Eval", "list_eval_partition.txt");
Directory.CreateDirectory(Path.GetDirectoryName(partition)!);
File.WriteAllText(partition, string.Join("\r\n", [lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "image_name item_id evaluation_status", .. lines]) + "\r\n");
