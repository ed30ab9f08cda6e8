using Segmenta.Postgres;
using Segmenta.Store;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Postgres;

/// <summary>
/// <see cref="DuckDbAverage"/> gives, from an exact sum and a count, the very double DuckDB's avg of DECIMAL(38,4)
/// values gives (the mean spend of the lifetime summary, Lifetime/customer_summary.sql), checked against DuckDB itself
/// on 20,000 seeded groups of money amounts, where the plain correctly rounded quotient differs for some.
/// </summary>
public sealed class DuckDbAverageTests
{
    [Fact]
    public void The_mean_of_an_exact_sum_is_duckdbs_avg_to_the_bit()
    {
        using var directory = new TempDirectory();
        using var store = SegmentaStore.Open(directory.File("avg.duckdb"));
        // Groups of 1 to 12 amounts with four places, from 0.0001 to about 10,000, made from the group and item numbers.
        var groups = store.Query(
            """
            WITH amounts AS (
                SELECT g, CAST(CAST((g * 31 + i * 17) % CAST(pow(10, 1 + g % 4) AS BIGINT) AS VARCHAR) || '.'
                           || lpad(CAST((g * 2654435761 + i * 40503) % 10000 AS VARCHAR), 4, '0') AS DECIMAL(38,4)) AS amount
                FROM range(20000) t(g), range(12) u(i)
                WHERE i <= g % 12
            )
            SELECT g, sum(amount), count(*), avg(amount) FROM amounts GROUP BY g ORDER BY g
            """,
            r => (Sum: r.GetDecimal(1), Count: r.GetInt64(2), Average: r.GetDouble(3)));

        Assert.Equal(20000, groups.Count);
        Assert.All(groups, g => Assert.Equal(BitConverter.DoubleToInt64Bits(g.Average), BitConverter.DoubleToInt64Bits(DuckDbAverage.Of(g.Sum, g.Count, 4))));
    }

    [Fact]
    public void Double_rounding_through_a_64_bit_significand_is_reproduced()
    {
        // (2^66 + 2^13 + 1) / 2^62 = 16 (1 + 2^-53 + 2^-66): just above the midpoint between 16 and the next double, so
        // rounded once it goes up; rounded to a 64-bit significand first it becomes the midpoint, then goes to even, 16.
        const decimal sum = 73786976294838214657m;
        const long count = 4611686018427387904;

        Assert.Equal(16.0, DuckDbAverage.Of(sum, count, 0, longDoubleBits: 64));
        Assert.Equal(16.0 + Math.Pow(2, -48), DuckDbAverage.Of(sum, count, 0, longDoubleBits: 53));
        Assert.Equal(16.0 + Math.Pow(2, -48), DuckDbAverage.Of(sum, count, 0, longDoubleBits: 113));
        Assert.Equal(-16.0, DuckDbAverage.Of(-sum, count, 0, longDoubleBits: 64));
        Assert.Equal(0.1, DuckDbAverage.Of(0.3m, 3, 4));
    }
}
