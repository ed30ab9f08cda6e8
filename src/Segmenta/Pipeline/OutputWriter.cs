using Segmenta.Store;

namespace Segmenta.Pipeline;

/// <summary>Writes the analysis tables as CSV files with the documented headers, through <see cref="CsvFile"/>.</summary>
internal static class OutputWriter
{
    internal static string WriteCustomers(SegmentaStore store, string directory)
    {
        var path = Path.Combine(directory, "customers.csv");
        Lifetime.LifetimeTables.EnsureTables(store);
        Copy(store, $"""
            SELECT customer_id AS CustomerId, recency AS Recency, frequency AS Frequency, {Tidy("monetary", 4)} AS Monetary,
                   first_purchase AS FirstPurchase, last_purchase AS LastPurchase, tenure_days AS TenureDays,
                   {Tidy("average_order_value", 2)} AS AverageOrderValue,
                   {Tidy("mean_days_between_purchases", 4)} AS MeanDaysBetweenPurchases,
                   {Tidy("median_days_between_purchases", 4)} AS MedianDaysBetweenPurchases,
                   {Tidy("items_bought", 4)} AS ItemsBought, distinct_products AS DistinctProducts,
                   returns_count AS ReturnsCount, {Tidy("returns_value", 4)} AS ReturnsValue, {Tidy("refunds_value", 4)} AS RefundsValue,
                   {Tidy("return_rate", 6)} AS ReturnRate,
                   {Tidy("cancellation_rate", 6)} AS CancellationRate, {Tidy("average_monthly_spend", 2)} AS AverageMonthlySpend,
                   {Tidy("spend_trend", 2)} AS SpendTrend, favourite_weekday AS FavouriteWeekday, favourite_hour AS FavouriteHour,
                   main_country AS MainCountry, r_score AS RScore, f_score AS FScore, m_score AS MScore, rfm_segment AS RfmSegment,
                   s.segment_id AS Segment, s.segment_name AS SegmentName, {Tidy("s.probability", 6)} AS SegmentProbability,
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
        Copy(store, $"""
            SELECT step AS Step, rule AS Rule, lines AS Lines, {Tidy("line_share", 6)} AS LineShare, revenue AS Revenue,
                   {Tidy("revenue_share", 6)} AS RevenueShare,
                   description AS Description
            FROM cleaning_report
            ORDER BY step
            """, path);
        return path;
    }

    /// <summary>
    /// A number rounded for a CSV cell as an exact DECIMAL (the CSV writer prints it in plain notation without trailing
    /// zeros, never 8.2e-05): an undefined value (NULL, NaN, infinite) is an empty cell, and zero is 0, never -0.0.
    /// </summary>
    private static string Tidy(string column, int places) =>
        $"CASE WHEN isfinite({column}) THEN round({column}, {places})::DECIMAL(38, {places}) END";

    // Through the one CSV writer, so ids and names from the data can never become spreadsheet formulas.
    private static void Copy(SegmentaStore store, string query, string path) => CsvFile.WriteQuery(store, query, path);
}
