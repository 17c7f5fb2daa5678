using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisualRecSys.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexBuildHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ActivatedAt",
                table: "IndexBuilds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FileBytes",
                table: "IndexBuilds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FileDeletedAt",
                table: "IndexBuilds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "RecallAt10",
                table: "IndexBuilds",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SearchK",
                table: "IndexBuilds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Trees",
                table: "IndexBuilds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivatedAt",
                table: "IndexBuilds");

            migrationBuilder.DropColumn(
                name: "FileBytes",
                table: "IndexBuilds");

            migrationBuilder.DropColumn(
                name: "FileDeletedAt",
                table: "IndexBuilds");

            migrationBuilder.DropColumn(
                name: "RecallAt10",
                table: "IndexBuilds");

            migrationBuilder.DropColumn(
                name: "SearchK",
                table: "IndexBuilds");

            migrationBuilder.DropColumn(
                name: "Trees",
                table: "IndexBuilds");
        }
    }
}
