using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisualRecSys.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndexBuildActivationRequest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ActivationRequestedAt",
                table: "IndexBuilds",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivationRequestedAt",
                table: "IndexBuilds");
        }
    }
}
