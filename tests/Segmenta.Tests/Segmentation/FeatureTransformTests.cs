using Segmenta.Segmentation;

namespace Segmenta.Tests.Segmentation;

public class FeatureTransformTests
{
    private static FeatureMatrix Customers(double monetaryOfLast) => new(
        [10, 1, 250.0, 3, 5, 4_000.0, 200, 2, 90.5, 40, 1, monetaryOfLast], 4, 3, ["recency", "frequency", "monetary"]);

    [Fact]
    public void A_rounding_residue_of_either_sign_on_one_customer_cannot_switch_the_log_off()
    {
        // Issue 12: customer 12607 returned everything; a double sum left -2.27e-13 or +2.27e-13 by line order, and the
        // old rule (log only when no value is negative) then dropped the log of monetary for everyone.
        var negative = FeatureTransform.Fit(Customers(-2.27e-13), Scaling.Standard, null);
        var positive = FeatureTransform.Fit(Customers(2.27e-13), Scaling.Standard, null);

        Assert.Equal(ValueTransform.SignedLog1p, negative.Steps[2].Transform);
        Assert.Equal(negative.Steps.Select(s => s.Transform), positive.Steps.Select(s => s.Transform));
        var a = negative.Apply(Customers(-2.27e-13)).Values;
        var b = positive.Apply(Customers(2.27e-13)).Values;
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 1e-12));
    }

    [Fact]
    public void Money_keeps_its_sign_and_zero_stays_zero()
    {
        Assert.Equal(-Math.Log(101), FeaturePolicy.Apply(ValueTransform.SignedLog1p, -100), 15);
        Assert.Equal(Math.Log(101), FeaturePolicy.Apply(ValueTransform.SignedLog1p, 100), 15);
        var zero = FeaturePolicy.Apply(ValueTransform.SignedLog1p, -0.0);
        Assert.False(double.IsNegative(zero)); // never -0.0
    }

    [Theory]
    [InlineData("recency", ValueTransform.Log1p, true)]
    [InlineData("frequency", ValueTransform.Log1p, true)]
    [InlineData("monetary", ValueTransform.SignedLog1p, false)]
    [InlineData("spend_trend", ValueTransform.SignedLog1p, false)]
    [InlineData("favourite_hour", ValueTransform.None, false)]
    [InlineData("a_feature_nobody_declared", ValueTransform.None, false)]
    public void Each_feature_is_transformed_by_what_it_is(string feature, ValueTransform transform, bool discrete)
    {
        var policy = FeaturePolicy.For(feature);

        Assert.Equal(transform, policy.Transform);
        Assert.Equal(discrete, policy.Discrete);
    }

    [Fact]
    public void A_skewed_hour_is_not_logged_because_of_its_skewness()
    {
        var hours = new FeatureMatrix([9, 9, 9, 9, 9, 9, 10, 23], 8, 1, ["favourite_hour"]);

        var step = FeatureTransform.Fit(hours, Scaling.Standard, null).Steps[0];

        Assert.Equal(ValueTransform.None, step.Transform);
    }

    [Fact]
    public void Dequantising_spreads_counts_within_their_bin_and_leaves_money_alone()
    {
        var raw = Customers(90);
        var transform = FeatureTransform.Fit(raw, Scaling.Standard, null);

        var jittered = transform.ApplyDequantised(raw, seed: 4);
        var again = transform.ApplyDequantised(raw, seed: 4);
        var exact = transform.Apply(raw);

        Assert.Equal(jittered.Values, again.Values);
        for (var i = 0; i < raw.Rows; i++)
        {
            for (var c = 0; c < 2; c++)
            {
                var step = transform.Steps[c];
                var value = raw.Values[i * 3 + c];
                Assert.InRange(jittered.Values[i * 3 + c], step.Apply(value - 0.5), step.Apply(value + 0.5));
                Assert.NotEqual(exact.Values[i * 3 + c], jittered.Values[i * 3 + c]);
            }
            Assert.Equal(exact.Values[i * 3 + 2], jittered.Values[i * 3 + 2]);
        }
    }

    [Fact]
    public void The_description_states_the_transform_used()
    {
        var transform = FeatureTransform.Fit(Customers(90), Scaling.Standard, null);

        Assert.Equal(["recency: log(1 + x), standardised", "frequency: log(1 + x), standardised", "monetary: sign(x)·log(1 + |x|), standardised"], transform.Describe());
    }
}
