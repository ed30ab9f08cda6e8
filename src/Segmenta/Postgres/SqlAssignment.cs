using System.Globalization;
using System.Text;
using Segmenta.Segmentation;
using Segmenta.Store;

namespace Segmenta.Postgres;

/// <summary>
/// Assigns every customer of the engine's customers table to a fitted K-Means model's segment in SQL, without bringing
/// the customers back: the model's feature steps (shape transform, clipping, centring and scaling, as
/// <see cref="FeatureStep"/> applies them), its extreme-customer rule and its centroids as a VALUES list are written into
/// one query. Each double is the same IEEE operation in the same order as the C# (<see cref="SegmentationModel.Assign"/>),
/// so the labels are the same: a customer joins the nearest centroid, the lowest segment on a tie, segment K when some
/// scaled feature is above the extreme threshold. One row per customer, grouped by the distribution key (Citus-compatible).
/// </summary>
internal static class SqlAssignment
{
    /// <summary>
    /// The SELECT of (customer_id, segment_id) for every row of <paramref name="customers"/>; for a Gaussian mixture also
    /// the membership probability of that segment (<see cref="MixtureQuery"/>).
    /// </summary>
    internal static string Query(SegmentationModel model, string customers = "customers")
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Algorithm == ClusteringAlgorithm.GaussianMixture)
        {
            return MixtureQuery(model, customers);
        }
        if (model.Algorithm != ClusteringAlgorithm.KMeans || model.Centroids is not { } centroids)
        {
            throw new SegmentaException($"Only a K-Means model or a Gaussian mixture can be assigned in SQL; this one is {model.Algorithm} without centroids.");
        }
        var steps = model.Transform.Steps;
        var features = string.Join(",\n       ", steps.Select((s, c) => $"{Scaled(s)} AS f{c}"));
        var rows = string.Join(",\n        ", Enumerable.Range(0, model.K).Select(k =>
            $"({k}, {string.Join(", ", Enumerable.Range(0, steps.Count).Select(c => Literal(centroids[k * steps.Count + c])))})"));
        var names = string.Join(", ", Enumerable.Range(0, steps.Count).Select(c => $"c{c}"));
        // Summed left to right from the first feature, as Distance.Squared's scalar loop does.
        var distance = string.Join(" + ", Enumerable.Range(0, steps.Count).Select(c => $"(x.f{c} - k.c{c}) * (x.f{c} - k.c{c})"));
        var extreme = model.ExtremeThreshold is { } threshold
            ? $"CASE WHEN {string.Join(" OR ", Enumerable.Range(0, steps.Count).Select(c => $"x.f{c} > {Literal(threshold)}"))} THEN {model.K} ELSE k.segment END"
            : "k.segment";
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"""
            SELECT DISTINCT ON (x.customer_id) x.customer_id, {extreme} AS segment_id
            FROM (SELECT customer_id,
                   {features}
                  FROM {customers}) x
            CROSS JOIN (VALUES
                    {rows}) AS k(segment, {names})
            ORDER BY x.customer_id, {distance} NULLS LAST, k.segment
            """);
        return sql.ToString();
    }

    /// <summary>
    /// A Gaussian mixture's assignment, as <see cref="GaussianMixtureModel.Predict"/> and <see cref="SegmentationModel.Assign"/>
    /// compute it, operation by operation: per component the weight's log plus the Cholesky normaliser (constants, from C#)
    /// minus half the squared Mahalanobis distance, the distance by forward substitution with the Cholesky factor (one
    /// nested SELECT per feature: y_a = (diff_a - L_a0 y_0 - ...) / L_aa, squares summed in order; a diagonal covariance
    /// sums diff² / variance); the probabilities by log-sum-exp over the components in order; the first most probable
    /// component; a customer with an undefined feature gets component 0 (the C# NaN compares false) and no probability;
    /// the extreme-customer rule last (probability 1). Each level ends in OFFSET 0, so that PostgreSQL does not pull the
    /// subqueries up and write every log density out again wherever it is used (the planner then fails on the
    /// expanded target list: "number of columns (8064) exceeds limit (1664)" for three components).
    /// </summary>
    internal static string MixtureQuery(SegmentationModel model, string customers = "customers")
    {
        if (model.Weights is not { } weights || model.Means is not { } means || model.Covariances is not { } covariances || model.Covariance is not { } covariance)
        {
            throw new SegmentaException("The Gaussian mixture has no weights, means or covariances to assign with.");
        }
        var (k, d) = (model.K, model.Transform.Steps.Count);
        var features = string.Join(", ", model.Transform.Steps.Select((s, c) => $"{Scaled(s)} AS f{c}"));
        var columns = Enumerable.Range(0, d).Select(c => $"f{c}").ToList();
        var from = $"(SELECT customer_id, {features} FROM {customers}) x0";
        var logs = new string[k];
        if (covariance == CovarianceType.Diagonal)
        {
            for (var c = 0; c < k; c++)
            {
                var terms = Enumerable.Range(0, d).Select(j =>
                {
                    var diff = $"(f{j} - {Literal(means[c * d + j])})";
                    return $"{diff} * {diff} / {Literal(covariances[c * d + j])}";
                });
                var logDet = Enumerable.Range(0, d).Select(j => Math.Log(covariances[c * d + j])).Sum();
                logs[c] = $"{Literal(Math.Log(weights[c]) + (-0.5 * ((d * Math.Log(2 * Math.PI)) + logDet)))} - 0.5 * ({string.Join(" + ", terms)})";
            }
        }
        else
        {
            // Level by level, the forward substitution adds one column per component and feature.
            var carried = new List<string>(columns);
            var factors = Enumerable.Range(0, k).Select(c => Cholesky(covariances, c, d)).ToArray();
            for (var a = 0; a < d; a++)
            {
                var ys = Enumerable.Range(0, k).Select(c =>
                {
                    var l = factors[c];
                    var s = $"(f{a} - {Literal(means[c * d + a])})";
                    for (var m = 0; m < a; m++)
                    {
                        s = $"({s} - {Literal(l[a * d + m])} * y{c}_{m})";
                    }
                    return $"{s} / {Literal(l[a * d + a])} AS y{c}_{a}";
                });
                // OFFSET 0 keeps each level a subquery: pulled up, every y would be written out again in the next (exponentially).
                from = $"(SELECT customer_id, {string.Join(", ", carried)}, {string.Join(", ", ys)} FROM {from} OFFSET 0) x{a + 1}";
                carried.AddRange(Enumerable.Range(0, k).Select(c => $"y{c}_{a}"));
            }
            for (var c = 0; c < k; c++)
            {
                var logDeterminant = 0.0;
                for (var a = 0; a < d; a++)
                {
                    logDeterminant += 2 * Math.Log(factors[c][a * d + a]);
                }
                var q = string.Join(" + ", Enumerable.Range(0, d).Select(a => $"y{c}_{a} * y{c}_{a}"));
                logs[c] = $"{Literal(Math.Log(weights[c]) + (-0.5 * ((d * Math.Log(2 * Math.PI)) + logDeterminant)))} - 0.5 * ({q})";
            }
        }
        var logColumns = string.Join(", ", logs.Select((l, c) => $"{l} AS l{c}"));
        var max = string.Join(", ", Enumerable.Range(0, k).Select(c => $"l{c}"));
        var sum = string.Join(" + ", Enumerable.Range(0, k).Select(c => Exp($"l{c} - m")));
        var probabilities = string.Join(", ", Enumerable.Range(0, k).Select(c => $"({c}, {Exp($"l{c} - log_sum")})"));
        var undefined = string.Join(" OR ", columns.Select(c => $"{c} IS NULL"));
        var extreme = model.ExtremeThreshold is { } threshold ? string.Join(" OR ", columns.Select(c => $"{c} > {Literal(threshold)}")) : "false";
        return $"""
            SELECT DISTINCT ON (customer_id) customer_id,
                   CASE WHEN {extreme} THEN {k} WHEN {undefined} THEN 0 ELSE p.segment END AS segment_id,
                   CASE WHEN {extreme} THEN 1::double precision WHEN {undefined} THEN NULL ELSE p.probability END AS probability
            FROM (SELECT *, m + ln({sum}) AS log_sum
                  FROM (SELECT *, greatest({max}) AS m
                        FROM (SELECT customer_id, {string.Join(", ", columns)}, {logColumns} FROM {from} OFFSET 0) logs) maxima OFFSET 0) sums
            CROSS JOIN LATERAL (VALUES {probabilities}) AS p(segment, probability)
            ORDER BY customer_id, p.probability DESC NULLS LAST, p.segment
            """;
    }

    /// <summary>
    /// exp of <paramref name="argument"/>, 0 below -745: PostgreSQL's exp raises an underflow error where C's returns 0
    /// (from about -745.13); between the two C gives the smallest subnormal, 5e-324, which changes no sum of at least 1
    /// and no label.
    /// </summary>
    private static string Exp(string argument) => $"CASE WHEN {argument} < -745 THEN 0::double precision ELSE exp({argument}) END";

    /// <summary>The lower Cholesky factor of component <paramref name="c"/>'s covariance, as GaussianMixture computes it.</summary>
    private static double[] Cholesky(double[] covariances, int c, int d)
    {
        var l = new double[d * d];
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var sum = covariances[c * d * d + a * d + b];
                for (var m = 0; m < b; m++)
                {
                    sum -= l[a * d + m] * l[b * d + m];
                }
                if (a == b)
                {
                    if (sum <= 0)
                    {
                        throw new SegmentaException("A mixture component's covariance is not positive definite; it cannot be assigned in SQL.");
                    }
                    l[a * d + a] = Math.Sqrt(sum);
                }
                else
                {
                    l[a * d + b] = sum / l[b * d + b];
                }
            }
        }
        return l;
    }

    /// <summary>Creates table <paramref name="table"/> (customer_id, segment_id[, probability]) on the server from <see cref="Query"/>; returns its rows.</summary>
    internal static long Assign(PostgresDatabase database, SegmentationModel model, string table = "customer_assignments")
    {
        database.Execute($"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} AS {Query(model)}");
        return database.Scalar<long>($"SELECT count(*) FROM {table}");
    }

    /// <summary>One feature, shape-transformed, clipped, centred and scaled, as a double precision expression.</summary>
    private static string Scaled(FeatureStep step)
    {
        var x = $"{step.Name}::double precision";
        var shaped = step.Transform switch
        {
            // CASE rather than greatest/least, which skip a NULL where the C# keeps the undefined value (NaN) undefined.
            ValueTransform.Log1p => $"ln(1 + CASE WHEN {x} < 0 THEN 0 ELSE {x} END)",
            ValueTransform.SignedLog1p => $"CASE WHEN {x} = 0 THEN 0::double precision ELSE sign({x}) * ln(1 + abs({x})) END",
            _ => x,
        };
        if (step.ClipLow is { } low)
        {
            shaped = $"CASE WHEN {shaped} < {Literal(low)} THEN {Literal(low)} ELSE {shaped} END";
        }
        if (step.ClipHigh is { } high)
        {
            shaped = $"CASE WHEN {shaped} > {Literal(high)} THEN {Literal(high)} ELSE {shaped} END";
        }
        return $"({shaped} - {Literal(step.Center)}) / {Literal(step.Scale)}";
    }

    /// <summary>A double written so that PostgreSQL reads back the same bits.</summary>
    private static string Literal(double value) => $"'{value.ToString("R", CultureInfo.InvariantCulture)}'::double precision";
}
