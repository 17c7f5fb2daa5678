using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisualRecSys.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InstanceEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ItemKey",
                table: "Products",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InstanceEditsRequested",
                table: "EvaluationRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstanceJson",
                table: "EvaluationRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "InstanceMrr",
                table: "EvaluationRuns",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InstanceNotMeasuredReason",
                table: "EvaluationRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "InstanceRecallAt1",
                table: "EvaluationRuns",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "InstanceRecallAt10",
                table: "EvaluationRuns",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InstanceSearches",
                table: "EvaluationRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "InstanceRecallAt1",
                table: "EvaluationCategoryResults",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "InstanceRecallAt10",
                table: "EvaluationCategoryResults",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InstanceSearches",
                table: "EvaluationCategoryResults",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Products_ItemKey",
                table: "Products",
                column: "ItemKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Products_ItemKey",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "ItemKey",
                table: "Products");

            migrationBuilder.DropColumn(
                name: "InstanceEditsRequested",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "InstanceJson",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "InstanceMrr",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "InstanceNotMeasuredReason",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "InstanceRecallAt1",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "InstanceRecallAt10",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "InstanceSearches",
                table: "EvaluationRuns");

            migrationBuilder.DropColumn(
                name: "InstanceRecallAt1",
                table: "EvaluationCategoryResults");

            migrationBuilder.DropColumn(
                name: "InstanceRecallAt10",
                table: "EvaluationCategoryResults");

            migrationBuilder.DropColumn(
                name: "InstanceSearches",
                table: "EvaluationCategoryResults");
        }
    }
}
