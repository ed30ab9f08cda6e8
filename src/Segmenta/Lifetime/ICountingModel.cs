namespace Segmenta.Lifetime;

/// <summary>
/// A fitted model of how many purchases a customer makes and when they stop. Inputs are a customer's summary:
/// x repeat purchases, the last at t_x, observed for T since the first purchase (all in the model's time unit).
/// </summary>
public interface ICountingModel
{
    /// <summary>Which model this is.</summary>
    CountingModelKind Kind { get; }

    /// <summary>The parameters by name, in the order the literature gives them.</summary>
    IReadOnlyList<(string Name, double Value)> Parameters { get; }

    /// <summary>The log-likelihood of one customer's summary.</summary>
    double LogLikelihood(double x, double tx, double t);

    /// <summary>The probability that the customer is still active at the end of the observation.</summary>
    double ProbabilityAlive(double x, double tx, double t);

    /// <summary>The expected number of purchases in the next <paramref name="horizon"/> time units.</summary>
    double ExpectedPurchases(double horizon, double x, double tx, double t);

    /// <summary>
    /// The probability of exactly <paramref name="count"/> purchases in the next <paramref name="horizon"/> time units,
    /// given the customer's summary (the conditional distribution whose mean is <see cref="ExpectedPurchases"/>).
    /// </summary>
    double ProbabilityOfPurchases(int count, double horizon, double x, double tx, double t);
}
