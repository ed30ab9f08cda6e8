using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>Writes the analysis tables as CSV files with the documented headers, from inside the engine.</summary>
internal static class OutputWriter
{
    internal static string WriteCustomers(SegmentaStore store, string directory)
    {
        var path = Path.Combine(directory, "customers.csv");
        Lifetime.LifetimeTables.EnsureTables(store);
        Copy(store, """
            SELECT customer_id AS CustomerId, recency AS Recency, frequency AS Frequency, round(monetary, 4) AS Monetary,
                   first_purchase AS FirstPurchase, last_purchase AS LastPurchase, tenure_days AS TenureDays,
                   round(average_order_value, 4) AS AverageOrderValue,
                   round(mean_days_between_purchases, 4) AS MeanDaysBetweenPurchases,
                   median_days_between_purchases AS MedianDaysBetweenPurchases,
                   items_bought AS ItemsBought, distinct_products AS DistinctProducts,
                   returns_count AS ReturnsCount, round(returns_value, 4) AS ReturnsValue, round(return_rate, 6) AS ReturnRate,
                   round(cancellation_rate, 6) AS CancellationRate, round(average_monthly_spend, 4) AS AverageMonthlySpend,
                   round(spend_trend, 4) AS SpendTrend, favourite_weekday AS FavouriteWeekday, favourite_hour AS FavouriteHour,
                   main_country AS MainCountry, r_score AS RScore, f_score AS FScore, m_score AS MScore, rfm_segment AS RfmSegment,
                   s.segment_id AS Segment, s.segment_name AS SegmentName, round(s.probability, 6) AS SegmentProbability,
                   clv.* EXCLUDE (customer_id)
            FROM customers
            LEFT JOIN (
                SELECT * FROM customer_segments
                WHERE segmentation = (SELECT min(segmentation) FROM customer_segments WHERE segmentation <> 'rfm')
            ) s USING (customer_id)
            LEFT JOIN customer_clv_columns clv USING (customer_id)
            ORDER BY customer_id
            """, path);
        return path;
    }

    internal static string WriteCleaningReport(SegmentaStore store, string directory)
    {
        var path = Path.Combine(directory, "cleaning.csv");
        Copy(store, """
            SELECT step AS Step, rule AS Rule, lines AS Lines, revenue AS Revenue, line_share AS Share, description AS Description
            FROM cleaning_report
            ORDER BY step
            """, path);
        return path;
    }

    private static void Copy(SegmentaStore store, string query, string path) =>
        store.Execute($"COPY ({query}) TO '{path.Replace("'", "''", StringComparison.Ordinal)}' (HEADER, DELIMITER ',')");
}
