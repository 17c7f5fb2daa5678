using VisualRecSys.Engine.Evaluation.Instance;

namespace VisualRecSys.Engine.Tests.Evaluation.Instance;

public sealed class EditPlanTests
{
    [Fact]
    public void Each_product_gets_distinct_kinds_and_every_kind_is_used_equally_often()
    {
        var family = ImageEditKinds.ForGrey;
        var used = new Dictionary<ImageEditKind, int>();
        for (var position = 0; position < 50; position++)
        {
            var kinds = Enumerable.Range(0, 4).Select(copy => EditPlan.KindOf(position, copy, 4, family)).ToArray();
            Assert.Equal(4, kinds.Distinct().Count());
            foreach (var kind in kinds)
            {
                used[kind] = used.GetValueOrDefault(kind) + 1;
            }
        }

        // 50 products × 4 copies over 10 kinds: 20 each.
        Assert.Equal(family.Order(), used.Keys.Order());
        Assert.All(used.Values, n => Assert.Equal(20, n));
    }

    [Fact]
    public void Edit_seeds_depend_on_run_product_and_copy_and_are_never_negative()
    {
        var seeds = new HashSet<int>();
        for (var product = 1; product <= 200; product++)
        {
            for (var copy = 0; copy < 4; copy++)
            {
                var seed = EditPlan.SeedOf(42, product, copy);
                Assert.True(seed >= 0);
                Assert.Equal(seed, EditPlan.SeedOf(42, product, copy));
                seeds.Add(seed);
            }
        }

        Assert.Equal(800, seeds.Count);
        Assert.NotEqual(EditPlan.SeedOf(42, 5, 0), EditPlan.SeedOf(43, 5, 0));
    }
}
