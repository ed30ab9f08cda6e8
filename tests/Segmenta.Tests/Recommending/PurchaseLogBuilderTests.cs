using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

public class PurchaseLogBuilderTests
{
    [Fact]
    public void Lines_of_one_order_and_product_are_merged_with_exact_sums_in_any_order()
    {
        // 0.1 + 0.2 + 0.3 in doubles is 0.6000000000000001 one way and 0.6 the other; in ten-thousandths it is 0.6 both ways.
        var forward = Build([1_000, 2_000, 3_000]);
        var backward = Build([3_000, 2_000, 1_000]);

        Assert.Equal(2, forward.Lines);
        Assert.Equal([0.6, 4.5], forward.Revenue);
        Assert.Equal(forward.Revenue, backward.Revenue);
        Assert.Equal([3.0, 1.0], forward.Units);
    }

    private static PurchaseLog Build(long[] amounts)
    {
        var builder = new PurchaseLogBuilder(4);
        foreach (var amount in amounts)
        {
            builder.Add(0, 0, 0, 100, 10_000, amount, 0);
        }
        builder.Add(0, 1, 0, 100, 10_000, 45_000, 0);
        return builder.Build(["C1"], ["P0", "P1"], ["CUP", "PLATE"], [0], ["all customers"], [0], ["France"], hasSegments: false);
    }
}
