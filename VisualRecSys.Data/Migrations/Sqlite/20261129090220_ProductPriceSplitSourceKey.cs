using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisualRecSys.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProductPriceSplitSourceKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PriceCents",
                table: "Products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceKey",
                table: "Products",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Split",
                table: "Products",
                type: "TEXT",
                nullable: true);

            // Added by hand (data, which `migrations add` cannot know): every earlier product came from the catalog CSV
            // importer, which used the CSV id as the product id and imported only "catalog" rows, so the folder importer's
            // source key and split are known; without them re-importing that CSV would add every product again.
            migrationBuilder.Sql("UPDATE \"Products\" SET \"SourceKey\" = 'folder:' || \"Id\", \"Split\" = 'catalog' WHERE \"SourceKey\" IS NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_Products_SourceKey",
                table: "Products",
                column: "SourceKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_SourceKey",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "PriceCents",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "SourceKey",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "Split",
                table: "Products");
        }
    }
}
