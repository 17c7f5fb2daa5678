using VisualRecSys.Data.Catalog;
using VisualRecSys.Data.Tests.TestSupport;

namespace VisualRecSys.Data.Tests.Catalog;

public sealed class CatalogCsvTests : IDisposable
{
    private const string Header = "id,title,category,split,file";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Write_then_Read_returns_the_same_rows()
    {
        CatalogRow[] rows =
        [
            new(1, "Plain title", "T-shirt/top", CatalogSplit.Catalog, "catalog/00001.png"),
            new(2, "Comma, \"quotes\" and ünïcödé", "Ankle boot", CatalogSplit.Query, "query/00002.png"),
            new(30000, "-starts like a formula", "Bag", CatalogSplit.Catalog, "catalog/sub dir/3.png"),
        ];
        var path = _temp.Combine("out", "catalog.csv");

        CatalogCsv.Write(path, rows);

        Assert.Equal(rows, CatalogCsv.Read(path));
        Assert.StartsWith(Header + "\n1,Plain title,", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(["catalog.csv"], Directory.GetFiles(_temp.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void Read_accepts_columns_in_any_order_extra_columns_and_blank_lines()
    {
        var path = WriteCsv("file,split,id,extra,category,title", "a/1.png,catalog,1,x,Bag,One", "", "b/2.png,query,2,y,Coat,Two");

        var rows = CatalogCsv.Read(path);

        Assert.Equal(
            [new CatalogRow(1, "One", "Bag", "catalog", "a/1.png"), new CatalogRow(2, "Two", "Coat", "query", "b/2.png")],
            rows);
    }

    [Fact]
    public void Read_without_split_and_price_columns_gives_catalog_and_no_price()
    {
        var path = WriteCsv("id,title,category,file", "1,A,Bag,a.png");

        Assert.Equal([new CatalogRow(1, "A", "Bag", CatalogSplit.Catalog, "a.png")], CatalogCsv.Read(path));
    }

    [Fact]
    public void Read_parses_prices_and_any_lowercase_split_word_with_empty_cells_as_defaults()
    {
        var path = WriteCsv(
            "id,title,category,split,file,price",
            "1,A,Bag,train,a.png,19.99",
            "2,B,Bag,,b.png,",
            "3,C,Coat,Val,c.png,0",
            "4,D,Coat,hold_out-2,d.png,1000000000");

        Assert.Equal(
            [
                new CatalogRow(1, "A", "Bag", "train", "a.png", 19.99m),
                new CatalogRow(2, "B", "Bag", CatalogSplit.Catalog, "b.png"),
                new CatalogRow(3, "C", "Coat", "val", "c.png", 0m),
                new CatalogRow(4, "D", "Coat", "hold_out-2", "d.png", 1_000_000_000m),
            ],
            CatalogCsv.Read(path));
    }

    [Theory]
    [InlineData("-1", "not a non-negative number")]
    [InlineData("abc", "not a non-negative number")]
    [InlineData("\"1,299.00\"", "not a non-negative number")]
    [InlineData("1e3", "not a non-negative number")]
    [InlineData("1.234", "more than two decimals")]
    [InlineData("1000000000.01", "larger than 1000000000")]
    public void Read_rejects_a_bad_price_naming_file_and_line(string price, string expected)
    {
        var path = WriteCsv("id,title,category,file,price", "9,Fine,Bag,fine.png,1.50", $"1,A,Bag,a.png,{price}");

        var error = Assert.Throws<CatalogFormatException>(() => CatalogCsv.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_adds_a_price_column_only_when_a_row_has_a_price()
    {
        CatalogRow[] rows = [new(1, "A", "Bag", "train", "a.png", 12.5m), new(2, "B", "Bag", CatalogSplit.Catalog, "b.png")];
        var path = _temp.Combine("priced.csv");

        CatalogCsv.Write(path, rows);

        Assert.Equal(rows, CatalogCsv.Read(path));
        Assert.StartsWith(Header + ",price\n1,A,Bag,train,a.png,12.5\n2,B,Bag,catalog,b.png,\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_reports_a_duplicate_id_with_its_line_number()
    {
        var path = WriteCsv(Header, "1,A,Bag,catalog,a.png", "2,B,Bag,catalog,b.png", "1,C,Bag,query,c.png");

        var error = Assert.Throws<CatalogFormatException>(() => CatalogCsv.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("duplicate id 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, error.LineNumber);
    }

    [Theory]
    [InlineData("1,A,Bag,tr ain,a.png", "split 'tr ain'")]
    [InlineData("1,A,Bag,cat/alog,a.png", "split 'cat/alog'")]
    [InlineData("1,A,Bag,abcdefghijklmnopqrstuvwxyzabcdefg,a.png", "at most 32")]
    [InlineData("1,A,Bag,catalog,../x.png", "'..'")]
    [InlineData("1,A,Bag,catalog,catalog/../../x.png", "'..'")]
    [InlineData("1,A,Bag,catalog,/etc/passwd", "absolute")]
    [InlineData("1,A,Bag,catalog,C:/x.png", "absolute")]
    [InlineData("1,A,Bag,catalog,a\\b.png", "'\\'")]
    [InlineData("1,A,Bag,catalog,a//b.png", "empty path segment")]
    [InlineData("1,A,Bag,catalog,", "file is empty")]
    [InlineData("abc,A,Bag,catalog,a.png", "id 'abc' is not an integer")]
    [InlineData("1.5,A,Bag,catalog,a.png", "id '1.5' is not an integer")]
    [InlineData("0,A,Bag,catalog,a.png", "id 0 is not positive")]
    [InlineData("-3,A,Bag,catalog,a.png", "id -3 is not positive")]
    [InlineData("1,,Bag,catalog,a.png", "title is empty")]
    [InlineData("1,A, ,catalog,a.png", "category is empty")]
    [InlineData("1,A,Bag", "expected at least 5 fields but found 3")]
    [InlineData("1,\"A,Bag,catalog,a.png", "malformed")]
    public void Read_rejects_an_invalid_row_naming_file_and_line(string row, string expected)
    {
        var path = WriteCsv(Header, "9,Fine,Bag,catalog,fine.png", row);

        var error = Assert.Throws<CatalogFormatException>(() => CatalogCsv.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_reports_missing_header_columns()
    {
        var path = WriteCsv("id,title,split,price", "1,A,catalog,1");

        var error = Assert.Throws<CatalogFormatException>(() => CatalogCsv.Read(path));

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing header column(s) 'category', 'file'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_rejects_an_empty_file()
    {
        var path = WriteCsv();

        var error = Assert.Throws<CatalogFormatException>(() => CatalogCsv.Read(path));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_of_a_missing_file_throws_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => CatalogCsv.Read(_temp.Combine("nope.csv")));
    }

    private string WriteCsv(params string[] lines)
    {
        var path = _temp.Combine(Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, lines.Length == 0 ? "" : string.Join('\n', lines) + "\n");
        return path;
    }
}
