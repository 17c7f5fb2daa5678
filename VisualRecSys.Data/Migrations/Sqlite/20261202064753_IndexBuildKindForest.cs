using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VisualRecSys.Data.Migrations.Sqlite
{
    /// <summary>
    /// Builds record their true kind: every build stored as <c>"annoy"</c> is one of the app's own forests (the build code
    /// and <c>import-annoy</c> both save a <c>ForestIndex</c>), so those rows become <c>"forest"</c>, the only kind allowed.
    /// </summary>
    public partial class IndexBuildKindForest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite changes a check constraint by rebuilding the table, which EF runs after every other operation of the
            // migration: the rows are renamed first, while the old constraint (which refuses 'forest') is in place, so it
            // is switched off for that one statement. The rebuild then copies the rows under the new constraint, which
            // checks them all. No row is 'exact': nothing ever produced that kind.
            migrationBuilder.Sql(Rename("annoy", "forest"));

            migrationBuilder.DropCheckConstraint(
                name: "CK_IndexBuilds_Kind",
                table: "IndexBuilds");

            migrationBuilder.AddCheckConstraint(
                name: "CK_IndexBuilds_Kind",
                table: "IndexBuilds",
                sql: "\"Kind\" IN ('forest')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Rename("forest", "annoy"));

            migrationBuilder.DropCheckConstraint(
                name: "CK_IndexBuilds_Kind",
                table: "IndexBuilds");

            migrationBuilder.AddCheckConstraint(
                name: "CK_IndexBuilds_Kind",
                table: "IndexBuilds",
                sql: "\"Kind\" IN ('exact', 'annoy')");
        }

        private static string Rename(string from, string to) =>
            "PRAGMA ignore_check_constraints = 1;\n"
            + $"UPDATE \"IndexBuilds\" SET \"Kind\" = '{to}' WHERE \"Kind\" = '{from}';\n"
            + "PRAGMA ignore_check_constraints = 0;";
    }
}
