using Segmenta.Exploration;
using Segmenta.Tests.Pipeline;

namespace Segmenta.Tests.Exploration;

/// <summary>
/// "Most returned products" on the shared data with the default preset: a return rate is returned units of purchases
/// made in the data over units sold, so it can never exceed 100 % (the first round showed 2,012.8 % and a product
/// that had sold 0 units, both from cancellations of purchases made before the data starts).
/// </summary>
[Collection(DefaultRunCollection.Name)]
public class ReturnRateTests(DefaultRunFixture run)
{
    [Fact]
    public void Every_most_returned_product_was_sold_in_the_data_and_its_return_rate_is_at_most_100_percent()
    {
        var returned = run.Result.Exploration!.TopProducts.Where(p => p.Ranking == ProductRanking.Returns).ToList();

        Assert.NotEmpty(returned);
        Assert.All(returned, p =>
        {
            Assert.True(p.Quantity > 0, $"{p.StockCode} sold {p.Quantity}");
            Assert.InRange(p.ReturnRate, 0.0, 1.0);
            Assert.InRange(p.ReturnedQuantity, 1.0, p.Quantity);
        });
    }
}
