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

    [Fact]
    public void Customers_without_lines_get_empty_rows_and_merged_lines_leave_no_slack()
    {
        var builder = new PurchaseLogBuilder(6);
        builder.Add(1, 0, 0, 100, 10_000, 10_000, 0);
        builder.Add(1, 0, 0, 100, 10_000, 10_000, 0); // merged into the line before
        builder.Add(1, 1, 0, 100, 10_000, 10_000, 0);
        builder.Add(3, 1, 1, 90, 10_000, 10_000, 1);
        builder.Add(3, 0, 2, 120, 20_000, 10_000, 1);

        var log = builder.Build(["C0", "C1", "C2", "C3", "C4"], ["P0", "P1"], ["CUP", "PLATE"], new int[5], ["all customers"], new int[5], ["France", "Spain"], hasSegments: false);

        Assert.Equal([0, 0, 2, 2, 4, 4], log.CustomerStart);
        Assert.Equal([0, 1, 1, 0], log.Product);
        Assert.Equal([2.0, 1.0, 1.0, 2.0], log.Units);
        Assert.Equal([0, 0, 1, 1], log.LineCountry!);
        Assert.Equal(3, log.Orders);
        Assert.Equal((90, 120), (log.FirstDay, log.LastDay));
    }

    [Fact]
    public void A_log_of_per_line_customers_and_one_of_customer_starts_are_the_same()
    {
        var byLine = new PurchaseLog(["A", "B", "C"], ["P"], ["X"], [0, 0, 2], [0, 0, 0], [0, 1, 2], [5, 7, 3], [1, 1, 1], [1, 1, 1], [0, 0, 0], ["S"], [0, 0, 0], ["K"]);
        var byStart = new PurchaseLog([0, 2, 2, 3], ["A", "B", "C"], ["P"], ["X"], [0, 0, 0], [0, 1, 2], [5, 7, 3], [1, 1, 1], [1, 1, 1], [0, 0, 0], ["S"], [0, 0, 0], ["K"]);

        Assert.Equal(byStart.CustomerStart, byLine.CustomerStart);
        Assert.Equal((3, 3, 7), (byLine.Orders, byLine.FirstDay, byLine.LastDay));
        Assert.Equal([0, 1, 1, 2], byLine.Until(5).CustomerStart);
        Assert.Throws<ArgumentException>(() => new PurchaseLog([0, 2, 2, 3], ["A", "B", "C"], ["P"], ["X"], [0, 0, 0], [0, 1, 2], [7, 5, 3], [1, 1, 1], [1, 1, 1], [0, 0, 0], ["S"], [0, 0, 0], ["K"]));
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
