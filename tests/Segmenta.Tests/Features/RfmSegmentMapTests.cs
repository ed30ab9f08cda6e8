using CsCheck;
using Segmenta.Features;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Features;

public class RfmSegmentMapTests
{
    [Fact]
    public void Every_pair_of_R_and_FM_scores_has_exactly_one_segment()
    {
        for (var r = 1; r <= 5; r++)
        {
            for (var fm = 1; fm <= 5; fm++)
            {
                Assert.Single(RfmSegmentRule.Default, rule => rule.Contains(r, fm));
            }
        }
    }

    [Fact]
    public void The_map_names_the_eleven_usual_segments()
    {
        Assert.Equal(
            ["About to Sleep", "At Risk", "Can't Lose Them", "Champions", "Hibernating", "Lost", "Loyal Customers", "Need Attention", "New Customers", "Potential Loyalists", "Promising"],
            RfmSegmentRule.Default.Select(r => r.Segment).Distinct().Order());
    }

    [Fact]
    public void Scores_lie_in_one_to_five_and_equal_values_get_equal_scores()
    {
        var customer = Gen.Select(Gen.Int[1, 400], Gen.Int[1, 6], Gen.Int[1, 9]);
        customer.Array[2, 60].Sample(customers =>
        {
            using var fixture = new StoreFixture();
            var lines = new System.Text.StringBuilder("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
            for (var c = 0; c < customers.Length; c++)
            {
                var (daysAgo, orders, price) = customers[c];
                for (var o = 0; o < orders; o++)
                {
                    var date = new DateTime(2012, 1, 1).AddDays(-daysAgo - o);
                    lines.Append(FormattableString.Invariant($"{c}-{o},P,1,{date:yyyy-MM-dd HH:mm},{price},{c}\n"));
                }
            }
            fixture.Import(lines.ToString());
            fixture.Clean();
            fixture.Features(new DateOnly(2012, 1, 1));
            var rows = fixture.Query("SELECT recency, frequency, monetary, r_score, f_score, m_score, rfm_segment FROM customers",
                r => (R: r.GetInt64(0), F: r.GetInt64(1), M: r.GetDouble(2), Rs: r.GetInt32(3), Fs: r.GetInt32(4), Ms: r.GetInt32(5), Seg: r.GetString(6)));
            var inRange = rows.All(x => x.Rs is >= 1 and <= 5 && x.Fs is >= 1 and <= 5 && x.Ms is >= 1 and <= 5);
            var tiesAgree = rows.GroupBy(x => x.R).All(g => g.Select(x => x.Rs).Distinct().Count() == 1)
                && rows.GroupBy(x => x.F).All(g => g.Select(x => x.Fs).Distinct().Count() == 1);
            var monotone = rows.All(a => rows.All(b => a.R >= b.R || a.Rs >= b.Rs));
            return inRange && tiesAgree && monotone;
        }, iter: 10);
    }
}
