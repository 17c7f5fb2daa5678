using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace VisualRecSys.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<long>(type: "bigint", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Categories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Categories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Xml = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Status = table.Column<string>(type: "text", nullable: false),
                    ModelId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RequestedIndexBuildId = table.Column<int>(type: "integer", nullable: true),
                    K = table.Column<int>(type: "integer", nullable: false),
                    QueryLimit = table.Column<int>(type: "integer", nullable: true),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    QuerySplit = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    GallerySplit = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    LeaveOneOut = table.Column<bool>(type: "boolean", nullable: false),
                    QueriesWithoutVector = table.Column<int>(type: "integer", nullable: false),
                    GalleryWithoutVector = table.Column<int>(type: "integer", nullable: false),
                    Metric = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Queries = table.Column<int>(type: "integer", nullable: false),
                    QueriesAvailable = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    Gallery = table.Column<int>(type: "integer", nullable: false),
                    PrecisionAt1 = table.Column<double>(type: "double precision", nullable: false),
                    PrecisionAt5 = table.Column<double>(type: "double precision", nullable: false),
                    PrecisionAt10 = table.Column<double>(type: "double precision", nullable: false),
                    PrecisionAtK = table.Column<double>(type: "double precision", nullable: false),
                    MapAtK = table.Column<double>(type: "double precision", nullable: false),
                    IndexBuildId = table.Column<int>(type: "integer", nullable: true),
                    AnnIndex = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    AnnNotMeasuredReason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    AnnRecallAtK = table.Column<double>(type: "double precision", nullable: true),
                    LatencyP50Ms = table.Column<double>(type: "double precision", nullable: true),
                    LatencyP95Ms = table.Column<double>(type: "double precision", nullable: true),
                    LatencyP99Ms = table.Column<double>(type: "double precision", nullable: true),
                    Seconds = table.Column<double>(type: "double precision", nullable: false),
                    InstanceEditsRequested = table.Column<int>(type: "integer", nullable: true),
                    InstanceSearches = table.Column<int>(type: "integer", nullable: true),
                    InstanceRecallAt1 = table.Column<double>(type: "double precision", nullable: true),
                    InstanceRecallAt10 = table.Column<double>(type: "double precision", nullable: true),
                    InstanceMrr = table.Column<double>(type: "double precision", nullable: true),
                    InstanceNotMeasuredReason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    InstanceJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ConfusionJson = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    WorstQueriesJson = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRuns", x => x.Id);
                    table.CheckConstraint("CK_EvaluationRuns_Status", "\"Status\" IN ('running', 'completed', 'failed')");
                });

            migrationBuilder.CreateTable(
                name: "IndexBuilds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    ModelId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Metric = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    FilePath = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Error = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    Trees = table.Column<int>(type: "integer", nullable: false),
                    SearchK = table.Column<int>(type: "integer", nullable: false),
                    FileBytes = table.Column<long>(type: "bigint", nullable: true),
                    RecallAt10 = table.Column<double>(type: "double precision", nullable: true),
                    ActivatedAt = table.Column<long>(type: "bigint", nullable: true),
                    ActivationRequestedAt = table.Column<long>(type: "bigint", nullable: true),
                    FileDeletedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndexBuilds", x => x.Id);
                    table.CheckConstraint("CK_IndexBuilds_Kind", "\"Kind\" IN ('forest')");
                    table.CheckConstraint("CK_IndexBuilds_Status", "\"Status\" IN ('running', 'ready', 'failed')");
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ClaimType = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ClaimValue = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    RoleId = table.Column<string>(type: "text", nullable: false, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    LoginProvider = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Value = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Products",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    ImageFile = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    PriceCents = table.Column<long>(type: "bigint", nullable: true),
                    Split = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    SourceKey = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    ItemKey = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Products", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Products_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationCategoryResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EvaluationRunId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    Queries = table.Column<int>(type: "integer", nullable: false),
                    Gallery = table.Column<int>(type: "integer", nullable: false),
                    PrecisionAt1 = table.Column<double>(type: "double precision", nullable: false),
                    PrecisionAt5 = table.Column<double>(type: "double precision", nullable: false),
                    PrecisionAt10 = table.Column<double>(type: "double precision", nullable: false),
                    PrecisionAtK = table.Column<double>(type: "double precision", nullable: false),
                    MapAtK = table.Column<double>(type: "double precision", nullable: false),
                    AnnRecallAtK = table.Column<double>(type: "double precision", nullable: true),
                    InstanceSearches = table.Column<int>(type: "integer", nullable: true),
                    InstanceRecallAt1 = table.Column<double>(type: "double precision", nullable: true),
                    InstanceRecallAt10 = table.Column<double>(type: "double precision", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QueryKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    QueryProductId = table.Column<int>(type: "integer", nullable: true),
                    ResultProductId = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<int>(type: "integer", nullable: false),
                    UserKey = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    IndexBuildId = table.Column<int>(type: "integer", nullable: true),
                    ModelId = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
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

            // Products keep an explicit id (SQLite's AUTOINCREMENT moves past it); an identity column does not, so the
            // next generated id would collide with it. After each insert, move the sequence past the largest id.
            migrationBuilder.Sql("""
                CREATE FUNCTION "Products_AdvanceIdSequence"() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    id_sequence regclass := pg_get_serial_sequence('"Products"', 'Id')::regclass;
                    top bigint;
                BEGIN
                    SELECT MAX("Id") INTO top FROM "Products";
                    IF top IS NOT NULL AND top > COALESCE(pg_sequence_last_value(id_sequence), 0) THEN
                        PERFORM setval(id_sequence, top);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "Products_AdvanceIdSequence" AFTER INSERT ON "Products"
                    FOR EACH STATEMENT EXECUTE FUNCTION "Products_AdvanceIdSequence"();
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Categories_Name",
                table: "Categories",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCategoryResults_EvaluationRunId_Position",
                table: "EvaluationCategoryResults",
                columns: new[] { "EvaluationRunId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuns_Status",
                table: "EvaluationRuns",
                column: "Status");

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

            migrationBuilder.CreateIndex(
                name: "IX_IndexBuilds_IsActive",
                table: "IndexBuilds",
                column: "IsActive");

            migrationBuilder.CreateIndex(
                name: "IX_Products_CategoryId",
                table: "Products",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Products_CreatedAt",
                table: "Products",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Products_ItemKey",
                table: "Products",
                column: "ItemKey");

            migrationBuilder.CreateIndex(
                name: "IX_Products_SourceKey",
                table: "Products",
                column: "SourceKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvaluationCategoryResults");

            migrationBuilder.DropTable(
                name: "Feedback");

            migrationBuilder.DropTable(
                name: "IndexBuilds");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "EvaluationRuns");

            migrationBuilder.DropTable(
                name: "Products");

            migrationBuilder.DropTable(
                name: "Categories");

            migrationBuilder.Sql("DROP FUNCTION \"Products_AdvanceIdSequence\"();");
        }
    }
}
