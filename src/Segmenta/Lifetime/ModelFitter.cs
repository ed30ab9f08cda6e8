using System.Globalization;

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
        // Pareto/NBD's evaluations are the expensive ones: its BFGS takes a first step of natural length (session 8).
        var scaled = kind == CountingModelKind.ParetoNbd;
        var startPoints = Starts(MomentStart(rows), starts, seed);
        var agreement = (Tried: 0, Agreeing: 0);
        if (rows.Count > SubsampleRows && starts > 1)
        {
            // Many unique rows: the starts race on a stratified subsample; only the winner climbs on all rows.
            var sample = rows.Subsample(SubsampleRows);
            var (_, sampleFace) = NoDropoutFace(kind, sample);
            var trial = MaximumLikelihood.Fit(Likelihood(sample), sample.TotalWeight, startPoints, sampleFace, scaled);
            if (trial.Theta.All(double.IsFinite))
            {
                startPoints = [trial.Theta];
                agreement = (trial.Starts, trial.StartsAgreeing);
            }
        }
        var (exit, face) = NoDropoutFace(kind, rows);
        var fit = MaximumLikelihood.Fit(Likelihood(rows), rows.TotalWeight, startPoints, face, scaled);
        if (agreement.Tried > 0)
        {
            fit = fit with { Starts = agreement.Tried, StartsAgreeing = agreement.Agreeing };
        }
        string[] names = kind == CountingModelKind.ParetoNbd ? ["r", "alpha", "s", "beta"] : ["r", "alpha", "a", "b"];
        var limit = rows.Limit;
        if (face is not null && fit.AbsorbedStarts > 0 && !(fit.LogLikelihood > limit.LogLikelihood + LimitTolerance(limit)))
        {
            // The maximum is the no-dropout limit, fitted directly: the model there is the NBD; b (or β) is not identified.
            var atLimit = new MaximumLikelihoodFit([limit.R, limit.Alpha, 0, double.NaN], limit.LogLikelihood, null, true,
                limit.Fit.Iterations, limit.Fit.GradientNorm, fit.Starts, fit.AbsorbedStarts, null) { AtBoundary = true };
            return ModelFit.From(NameOf(kind), names, atLimit, (long)rows.TotalWeight, rows.Count)
                with { CountingModel = new NbdModel(kind, limit.R, limit.Alpha) };
        }
        var result = ModelFit.From(NameOf(kind), names, fit, (long)rows.TotalWeight, rows.Count);
        if (fit.AtBoundary && fit.Theta[2] < MaximumLikelihood.BoundaryValue && exit is { } steepest && steepest.Slope > FaceTolerance(rows))
        {
            // The walk ended at shape → 0, where every gradient in log parameters vanishes, but the likelihood still rises
            // when the shape leaves 0: not a maximum (the supremum lies along another limit), so not used.
            return result with
            {
                Converged = false,
                AtBoundary = false,
                Problem = string.Create(CultureInfo.InvariantCulture,
                    $"{names[2]} ran to 0, but the no-dropout limit there (log-likelihood {limit.LogLikelihood:0.##}) is not a maximum: the likelihood rises by {steepest.Slope:g3} per unit of {names[2]} at {names[3]} = {steepest.Phi:g3}"),
            };
        }
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

    /// <summary>
    /// The no-dropout limit (<see cref="NbdLimit"/>) of the model on these rows: the steepest slope out of it, and when
    /// it is a maximum (no slope above the tolerance), the test that stops a start once it has reached its region: the
    /// dropout shape below <see cref="AbsorbingShape"/> and a log-likelihood no higher than the limit's. Near the face
    /// the log-likelihood is the limit's plus shape × D(φ) ≤ 0, so such a start can only walk on to the limit.
    /// </summary>
    private static ((double Phi, double Slope)? Exit, Func<MathNet.Numerics.LinearAlgebra.Vector<double>, double, bool>? Absorbed) NoDropoutFace(
        CountingModelKind kind, SummaryRows rows)
    {
        var limit = rows.Limit;
        if (!limit.Usable)
        {
            return (null, null);
        }
        var exit = limit.SteepestExit(kind);
        if (exit.Slope > FaceTolerance(rows))
        {
            return (exit, null);
        }
        var logShape = Math.Log(AbsorbingShape);
        var bound = -(limit.LogLikelihood + LimitTolerance(limit)) / rows.TotalWeight;
        return (exit, (u, meanNegative) => u[2] < logShape && meanNegative >= bound);
    }

    /// <summary>A dropout shape (a or s) below which a start heading for the no-dropout limit is stopped there.</summary>
    internal const double AbsorbingShape = 1e-3;

    /// <summary>The largest slope out of the no-dropout limit still taken as zero: the gradient tolerance per customer.</summary>
    private static double FaceTolerance(SummaryRows rows) => NbdLimit.FaceTolerance(rows);

    /// <summary>A log-likelihood this close to the limit's is the limit's (relative 1e-9).</summary>
    private static double LimitTolerance(NbdLimit limit) => 1e-9 * Math.Abs(limit.LogLikelihood);

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
