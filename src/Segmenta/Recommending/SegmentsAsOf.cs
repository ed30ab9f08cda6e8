using Segmenta.Segmentation;

namespace Segmenta.Recommending;

/// <summary>
/// The customer groups the segment best-sellers use at a reference day. On all the data they are the stored segments.
/// Before the last day (the offline evaluation, the validation split) the stored segments would leak the test period,
/// because they were clustered on every purchase; so the customers are clustered again, on what was known at the
/// reference day only: K-Means with as many segments as stored, on log1p of recency, frequency (orders) and revenue,
/// standardised. Customers without a purchase by then form one more group.
/// </summary>
internal static class SegmentsAsOf
{
    public static (int[] GroupOf, string[] Names) Compute(Interactions data, int seed)
    {
        var log = data.Log;
        if (!log.HasSegments || data.ReferenceDay >= log.LastDay)
        {
            return (log.CustomerSegment, log.SegmentNames);
        }
        var rows = new List<int>();
        var values = new List<double>();
        for (var c = 0; c < data.Customers; c++)
        {
            var (orders, last, revenue, previousOrder) = (0, int.MinValue, 0.0, -1);
            for (var l = log.CustomerStart[c]; l < log.CustomerStart[c + 1] && log.Day[l] <= data.ReferenceDay; l++)
            {
                // Lines are sorted by customer, day and order, so one order's lines are adjacent.
                orders += log.Order[l] != previousOrder ? 1 : 0;
                previousOrder = log.Order[l];
                last = log.Day[l];
                revenue += log.Revenue[l];
            }
            if (orders > 0)
            {
                rows.Add(c);
                values.AddRange([Math.Log(1 + data.ReferenceDay - last), Math.Log(1 + orders), Math.Log(1 + Math.Max(0, revenue))]);
            }
        }
        var groupOf = new int[data.Customers];
        var k = Math.Max(1, Math.Min(log.SegmentNames.Length, rows.Count));
        Array.Fill(groupOf, k);
        var names = new string[k + 1];
        for (var g = 0; g < k; g++)
        {
            names[g] = $"segment {g + 1} at {PurchaseLog.ToDate(data.ReferenceDay):yyyy-MM-dd}";
        }
        names[k] = "no purchase yet";
        if (rows.Count == 0)
        {
            return (groupOf, names);
        }
        var x = Standardise([.. values], rows.Count, 3);
        var model = KMeans.Fit(new FeatureMatrix(x, rows.Count, 3, ["recency", "frequency", "monetary"]), new KMeansOptions(k, seed, NInit: 3));
        for (var i = 0; i < rows.Count; i++)
        {
            groupOf[rows[i]] = model.Labels[i];
        }
        return (groupOf, names);
    }

    private static double[] Standardise(double[] x, int rows, int columns)
    {
        for (var j = 0; j < columns; j++)
        {
            var mean = 0.0;
            for (var i = 0; i < rows; i++)
            {
                mean += x[(i * columns) + j];
            }
            mean /= rows;
            var variance = 0.0;
            for (var i = 0; i < rows; i++)
            {
                variance += Math.Pow(x[(i * columns) + j] - mean, 2);
            }
            var sd = Math.Sqrt(variance / rows);
            for (var i = 0; i < rows; i++)
            {
                x[(i * columns) + j] = sd > 0 ? (x[(i * columns) + j] - mean) / sd : 0;
            }
        }
        return x;
    }
}
