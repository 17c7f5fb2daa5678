using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisualRecSys.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Feedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    QueryKey = table.Column<string>(type: "TEXT", nullable: false),
                    QueryProductId = table.Column<int>(type: "INTEGER", nullable: true),
                    ResultProductId = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false),
                    UserKey = table.Column<string>(type: "TEXT", nullable: false),
                    IndexBuildId = table.Column<int>(type: "INTEGER", nullable: true),
                    ModelId = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Id);
                    table.CheckConstraint("CK_Feedback_Label", "\"Label\" IN (-1, 1)");
                    table.ForeignKey(
                        name: "FK_Feedback_Products_QueryProductId",
                        column: x => x.QueryProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Feedback_Products_ResultProductId",
                        column: x => x.ResultProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_IndexBuildId",
                table: "Feedback",
                column: "IndexBuildId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_QueryProductId",
                table: "Feedback",
                column: "QueryProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_ResultProductId",
                table: "Feedback",
                column: "ResultProductId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_UserKey_QueryKey_ResultProductId",
                table: "Feedback",
                columns: new[] { "UserKey", "QueryKey", "ResultProductId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Feedback");
        }
    }
}
