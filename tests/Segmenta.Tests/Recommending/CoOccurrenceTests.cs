using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

public class CoOccurrenceTests
{
    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(2, 50, 3)]
    [InlineData(3, 5, 10)]
    [InlineData(4, 0, 2)]
    public void The_triangle_of_counts_gives_the_lists_of_the_counter_one_product_at_a_time(int seed, int maxNeighbours, int minTogether)
    {
        var random = new Random(seed);
        foreach (var (rows, products) in ((int, int)[])[(0, 3), (1, 1), (40, 12), (300, 60), (200, 7)])
        {
            // Rows of power-law lengths in no particular order, some with a product twice (as a row of the counter path may hold it).
            var start = new int[rows + 1];
            var items = new List<int>();
            for (var r = 0; r < rows; r++)
            {
                var length = Math.Min(products * 2, (int)(1 / Math.Pow(1 - random.NextDouble(), 0.7)));
                for (var i = 0; i < length; i++)
                {
                    items.Add(random.Next(products) * random.Next(2) % products);
                }
                start[r + 1] = items.Count;
            }
            var rowItems = items.ToArray();
            var (columnStart, columnRows) = Interactions.Transpose(start, rowItems, products);
            // Scores with ties (a few distinct values) and dropped pairs (NaN), as the rules drop pairs with lift ≤ 1.
            double Score(int p, int q, int together) => (p + q) % 5 == 0 ? double.NaN : Math.Round(together / Math.Sqrt(1 + ((p * 7) + q) % 4), 1);

            var expected = CoOccurrence.NeighboursByCounter(start, rowItems, columnStart, columnRows, products, minTogether, maxNeighbours, Score);
            var actual = CoOccurrence.NeighboursByTriangle(start, rowItems, columnStart, columnRows, products, minTogether, maxNeighbours, Score);

            Assert.Equal(expected.Start, actual.Start);
            Assert.Equal(expected.Item, actual.Item);
            Assert.Equal(expected.Score, actual.Score);
            Assert.Equal(expected.Count, actual.Count);
        }
    }

    [Fact]
    public void Neighbours_take_the_triangle_only_up_to_its_memory_bound()
    {
        Assert.True(CoOccurrence.TriangleCells(4_000) <= CoOccurrence.MaxTriangleCells);
        Assert.True(CoOccurrence.TriangleCells(50_000) > CoOccurrence.MaxTriangleCells);
        Assert.Throws<ArgumentOutOfRangeException>(() => CoOccurrence.NeighboursByTriangle([0], [], [], [], 50_000, 1, 5, (_, _, _) => 1));
    }

    [Fact]
    public void The_triangle_is_taken_only_when_the_counting_it_saves_outweighs_reading_it()
    {
        // 100 products: the triangle pays when Σ m² over the rows reaches 2 · 100².
        int[] Rows(int rows, int length) => [.. Enumerable.Range(0, rows + 1).Select(r => r * length)];

        Assert.True(CoOccurrence.TrianglePays(Rows(rows: 20, length: 50), products: 100));
        Assert.False(CoOccurrence.TrianglePays(Rows(rows: 1_000, length: 4), products: 100));
        Assert.False(CoOccurrence.TrianglePays(Rows(rows: 1_000, length: 1_000), products: 50_000));
    }
}
