namespace Segmenta.Lifetime;

/// <summary>Fits the counting and spend models by maximum likelihood on weighted unique rows.</summary>
internal static class ModelFitter
{
    /// <summary>Above this many unique rows the starts are compared on a subsample first.</summary>
    internal const int SubsampleRows = 50_000;

    internal static string NameOf(CountingModelKind kind) => kind switch
    {
        CountingModelKind.BgNbd => "bgnbd",
        CountingModelKind.ParetoNbd => "pareto-nbd",
        CountingModelKind.MbgNbd => "mbgnbd",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    internal static ModelFit FitCounting(CountingModelKind kind, SummaryRows rows, int starts, int seed)
    {
        if (rows.TotalWeight < 2 || !rows.X.Any(x => x > 0))
        {
            throw new SegmentaException($"The {NameOf(kind)} model needs customers with repeat purchases; the data has {rows.TotalWeight} customer(s) and none bought twice.");
        }
        ILikelihood Likelihood(SummaryRows data) => kind switch
        {
            CountingModelKind.BgNbd => new BgNbdLikelihood(data, modified: false),
            CountingModelKind.MbgNbd => new BgNbdLikelihood(data, modified: true),
            _ => new ParetoNbdLikelihood(data),
        };
        var startPoints = Starts(MomentStart(rows), starts, seed);
        var agreement = (Tried: 0, Agreeing: 0);
        if (rows.Count > SubsampleRows && starts > 1)
        {
            // Many unique rows: the starts race on a stratified subsample; only the winner climbs on all rows.
            var sample = rows.Subsample(SubsampleRows);
            var trial = MaximumLikelihood.Fit(Likelihood(sample), sample.TotalWeight, startPoints);
            if (trial.Theta.All(double.IsFinite))
            {
                startPoints = [trial.Theta];
                agreement = (trial.Starts, trial.StartsAgreeing);
            }
        }
        var fit = MaximumLikelihood.Fit(Likelihood(rows), rows.TotalWeight, startPoints);
        if (agreement.Tried > 0)
        {
            fit = fit with { Starts = agreement.Tried, StartsAgreeing = agreement.Agreeing };
        }
        string[] names = kind == CountingModelKind.ParetoNbd ? ["r", "alpha", "s", "beta"] : ["r", "alpha", "a", "b"];
        var result = ModelFit.From(NameOf(kind), names, fit, (long)rows.TotalWeight, rows.Count);
        if (!fit.Converged)
        {
            return result;
        }
        var t = fit.Theta;
        ICountingModel model = kind switch
        {
            CountingModelKind.BgNbd => new BgNbdModel(t[0], t[1], t[2], t[3]),
            CountingModelKind.MbgNbd => new MbgNbdModel(t[0], t[1], t[2], t[3]),
            _ => new ParetoNbdModel(t[0], t[1], t[2], t[3]),
        };
        return result with { CountingModel = model };
    }

    /// <summary>Fits Gamma-Gamma on customers with at least one valued repeat purchase.</summary>
    internal static ModelFit FitSpend(IReadOnlyList<double> purchases, IReadOnlyList<double> meanSpend, int starts, int seed)
    {
        var groups = new Dictionary<(double, double), int>();
        for (var i = 0; i < purchases.Count; i++)
        {
            if (purchases[i] >= 1 && meanSpend[i] > 0)
            {
                var key = (purchases[i], meanSpend[i]);
                groups[key] = groups.GetValueOrDefault(key) + 1;
            }
        }
        if (groups.Count < 2)
        {
            throw new SegmentaException("The spend model needs at least two customers with repeat purchases of positive value.");
        }
        var rows = groups.OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2).ToArray();
        double[] x = [.. rows.Select(r => r.Key.Item1)], m = [.. rows.Select(r => r.Key.Item2)], w = [.. rows.Select(r => (double)r.Value)];
        var customers = w.Sum();
        // Moment start: spend per transaction has mean p·γ/(q−1); start at p = 1, q = 3 with that mean.
        var mean = x.Select((xi, i) => xi * m[i] * w[i]).Sum() / x.Select((xi, i) => xi * w[i]).Sum();
        var fit = MaximumLikelihood.Fit(new GammaGammaLikelihood(x, m, w), customers, Starts([1, 3, 2 * mean], starts, seed));
        var result = ModelFit.From("gamma-gamma", ["p", "q", "gamma"], fit, (long)customers, rows.Length);
        return fit.Converged ? result with { SpendModel = new GammaGammaModel(fit.Theta[0], fit.Theta[1], fit.Theta[2]) } : result;
    }

    /// <summary>r = 1 and α from the mean purchase rate (E[λ] = r/α ≈ Σx / ΣT); a = 1, b = 1 (s = 1, β = α for Pareto/NBD).</summary>
    private static double[] MomentStart(SummaryRows rows)
    {
        double purchases = 0, time = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            purchases += rows.Weight[i] * rows.X[i];
            time += rows.Weight[i] * rows.T[i];
        }
        var alpha = Math.Clamp(time / Math.Max(purchases, 1), 1e-3, 1e6);
        return [1, alpha, 1, 1];
    }

    /// <summary>The first start as given, the others within a factor e^±0.5 of it (seeded).</summary>
    private static List<double[]> Starts(double[] first, int count, int seed)
    {
        var random = new Random(seed);
        var starts = new List<double[]> { first };
        while (starts.Count < count)
        {
            starts.Add([.. first.Select(v => v * Math.Exp(random.NextDouble() - 0.5))]);
        }
        return starts;
    }
}
