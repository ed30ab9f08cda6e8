using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

/// <summary>The fits at a reference day keep little in memory and give the same models however often they are asked for.</summary>
public class ReferenceDayFitsTests
{
    private static readonly int CutDay = PurchaseLog.ToDay(new DateOnly(2010, 1, 1)) + LeakageTests.Cut;

    [Fact]
    public void A_state_dropped_after_its_weights_were_learned_is_rebuilt_into_the_same_models()
    {
        var log = LeakageTests.Shop(testSeed: 2);
        var fits = new ReferenceDayFits(log, LeakageTests.Options);
        var first = fits.Fit(CutDay);
        var before = AllLists(first);
        // The day whose validation split ends on the cut: learning its weights uses the cut's state, then drops it.
        var later = PurchaseLog.ToDay(PurchaseLog.ToDate(CutDay).AddDays(1).AddMonths(3));
        Assert.Equal(CutDay, ReferenceDayFits.ValidationDay(later));
        _ = fits.Calibration(later);

        var second = fits.Fit(CutDay);

        Assert.NotSame(first.Data, second.Data); // the state was not kept
        Assert.Equal(first.Data.Items, second.Data.Items);
        Assert.Equal(first.Data.Weight, second.Data.Weight);
        Assert.Equal(first.TwoKind.Ease.Weights, second.TwoKind.Ease.Weights);
        Assert.Same(first.Calibration, second.Calibration); // weights are cached by day
        Assert.Equal(before, AllLists(second));
    }

    [Fact]
    public void Interaction_arrays_hold_exactly_one_entry_per_customer_and_product_bought_by_the_reference_day()
    {
        var log = LeakageTests.Shop(testSeed: 2);

        var data = Interactions.Build(log, CutDay, 90);

        var expected = Enumerable.Range(0, log.Customers).SelectMany(c => Enumerable.Range(log.CustomerStart[c], log.CustomerStart[c + 1] - log.CustomerStart[c]).Select(l => (c, l)))
            .Where(x => log.Day[x.l] <= CutDay).Select(x => (x.c, log.Product[x.l])).Distinct().Count();
        Assert.Equal(expected, data.RowStart[^1]);
        foreach (var length in (int[])[data.Items.Length, data.OrderCount.Length, data.LastDay.Length, data.Units.Length, data.Revenue.Length, data.Weight.Length])
        {
            Assert.Equal(expected, length);
        }
        Assert.Equal(log.Lines, Interactions.Build(log, log.LastDay, 90).OrderCount.Sum()); // each line is one order of one entry (no line repeats a product within its order)
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(7.5)]
    [InlineData(double.PositiveInfinity)]
    public void An_entry_weighs_the_sum_of_its_lines_decayed_by_age_in_line_order_to_the_bit(double halfLifeDays)
    {
        var log = LeakageTests.Shop(testSeed: 2);

        var data = Interactions.Build(log, CutDay, halfLifeDays);

        var decay = -Math.Log(2) / halfLifeDays;
        var expected = new Dictionary<(int Customer, int Product), double>();
        for (var c = 0; c < log.Customers; c++)
        {
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1] && log.Day[l] <= CutDay; l++)
            {
                expected[(c, log.Product[l])] = expected.GetValueOrDefault((c, log.Product[l])) + Math.Exp(decay * (CutDay - log.Day[l]));
            }
        }
        Assert.Equal(expected.Count, data.RowStart[^1]);
        for (var c = 0; c < log.Customers; c++)
        {
            for (var e = data.RowStart[c]; e < data.RowStart[c + 1]; e++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[(c, data.Items[e])]), BitConverter.DoubleToInt64Bits(data.Weight[e]));
            }
        }
        Assert.Contains(data.OrderCount, orders => orders > 1); // some entries sum several lines
    }

    private static string AllLists(FittedRecommenders models) => string.Join("\n",
        models.Methods.Order().SelectMany(m => Enumerable.Range(0, LeakageTests.Customers).Select(c => LeakageTests.Ranked(models, m, c, newOnly: false))));
}
