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
    /// <summary>The SELECT of (customer_id, segment_id) for every row of <paramref name="customers"/>.</summary>
    internal static string Query(SegmentationModel model, string customers = "customers")
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Algorithm != ClusteringAlgorithm.KMeans || model.Centroids is not { } centroids)
        {
            throw new SegmentaException($"Only a K-Means model can be assigned in SQL; this one is {model.Algorithm}.");
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

    /// <summary>Creates table <paramref name="table"/> (customer_id, segment_id) on the server from <see cref="Query"/>; returns its rows.</summary>
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
