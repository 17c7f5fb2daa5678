using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisualRecSys.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EvaluationRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Status = table.Column<string>(type: "TEXT", nullable: false),
                    ModelId = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedIndexBuildId = table.Column<int>(type: "INTEGER", nullable: true),
                    K = table.Column<int>(type: "INTEGER", nullable: false),
                    QueryLimit = table.Column<int>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    QuerySplit = table.Column<string>(type: "TEXT", nullable: true),
                    GallerySplit = table.Column<string>(type: "TEXT", nullable: true),
                    LeaveOneOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    QueriesWithoutVector = table.Column<int>(type: "INTEGER", nullable: false),
                    GalleryWithoutVector = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", nullable: true),
                    Queries = table.Column<int>(type: "INTEGER", nullable: false),
                    QueriesAvailable = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    Gallery = table.Column<int>(type: "INTEGER", nullable: false),
                    PrecisionAt1 = table.Column<double>(type: "REAL", nullable: false),
                    PrecisionAt5 = table.Column<double>(type: "REAL", nullable: false),
                    PrecisionAt10 = table.Column<double>(type: "REAL", nullable: false),
                    PrecisionAtK = table.Column<double>(type: "REAL", nullable: false),
                    MapAtK = table.Column<double>(type: "REAL", nullable: false),
                    IndexBuildId = table.Column<int>(type: "INTEGER", nullable: true),
                    AnnIndex = table.Column<string>(type: "TEXT", nullable: true),
                    AnnNotMeasuredReason = table.Column<string>(type: "TEXT", nullable: true),
                    AnnRecallAtK = table.Column<double>(type: "REAL", nullable: true),
                    LatencyP50Ms = table.Column<double>(type: "REAL", nullable: true),
                    LatencyP95Ms = table.Column<double>(type: "REAL", nullable: true),
                    LatencyP99Ms = table.Column<double>(type: "REAL", nullable: true),
                    Seconds = table.Column<double>(type: "REAL", nullable: false),
                    ConfusionJson = table.Column<string>(type: "TEXT", nullable: true),
                    WorstQueriesJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRuns", x => x.Id);
                    table.CheckConstraint("CK_EvaluationRuns_Status", "\"Status\" IN ('running', 'completed', 'failed')");
                });

            migrationBuilder.CreateTable(
                name: "EvaluationCategoryResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EvaluationRunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", nullable: false),
                    Queries = table.Column<int>(type: "INTEGER", nullable: false),
                    Gallery = table.Column<int>(type: "INTEGER", nullable: false),
                    PrecisionAt1 = table.Column<double>(type: "REAL", nullable: false),
                    PrecisionAt5 = table.Column<double>(type: "REAL", nullable: false),
                    PrecisionAt10 = table.Column<double>(type: "REAL", nullable: false),
                    PrecisionAtK = table.Column<double>(type: "REAL", nullable: false),
                    MapAtK = table.Column<double>(type: "REAL", nullable: false),
                    AnnRecallAtK = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCategoryResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationCategoryResults_EvaluationRuns_EvaluationRunId",
                        column: x => x.EvaluationRunId,
                        principalTable: "EvaluationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCategoryResults_EvaluationRunId_Position",
                table: "EvaluationCategoryResults",
                columns: new[] { "EvaluationRunId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuns_Status",
                table: "EvaluationRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationCategoryResults");

            migrationBuilder.DropTable(
                name: "EvaluationRuns");
        }
    }
}
