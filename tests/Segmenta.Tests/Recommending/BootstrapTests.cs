using Segmenta.Recommending;

namespace Segmenta.Tests.Recommending;

public class BootstrapTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(37, 4)]
    [InlineData(500, 50)]
    public void A_series_bootstrapped_beside_others_gets_the_interval_it_gets_alone_to_the_bit(int customers, int series)
    {
        var random = new Random(customers + series);
        var wide = new double[customers * series];
        for (var i = 0; i < wide.Length; i++)
        {
            wide[i] = random.Next(4) == 0 ? 0 : random.NextDouble() * Math.Pow(10, random.Next(-3, 4)) - 0.3;
        }

        var together = Bootstrap.Intervals(wide, customers, series, resamples: 200, seed: 42);

        for (var s = 0; s < series; s++)
        {
            var alone = Enumerable.Range(0, customers).Select(i => wide[(i * series) + s]).ToArray();
            var (low, high) = Bootstrap.Intervals(alone, customers, 1, resamples: 200, seed: 42)[0];
            Assert.Equal(BitConverter.DoubleToInt64Bits(low), BitConverter.DoubleToInt64Bits(together[s].Low));
            Assert.Equal(BitConverter.DoubleToInt64Bits(high), BitConverter.DoubleToInt64Bits(together[s].High));
        }
    }
}
