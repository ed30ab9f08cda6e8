using System.Data.Common;
using System.Globalization;
using Segmenta.Store;

namespace Segmenta.Exploration;

/// <summary>Reads the exploration_* tables into typed rows.</summary>
internal static class ExplorationLoader
{
    internal static ExplorationResult Load(SegmentaStore store) => new()
    {
        Monthly = store.Query(
            """
            SELECT month, revenue, orders, active_customers, new_customers, returning_customers, average_order_value, items_per_order, lines
            FROM exploration_monthly ORDER BY month
            """,
            r => new MonthlyRow(Date(r, 0), Number(r, 1), Count(r, 2), Count(r, 3), Count(r, 4), Count(r, 5), Number(r, 6), Number(r, 7), Count(r, 8))),
        Yearly = store.Query(
            """
            SELECT year, revenue, orders, active_customers, new_customers, average_order_value, items_per_order, lines, first_sale, last_sale, months_with_sales
            FROM exploration_yearly ORDER BY year
            """,
            r => new YearlyRow(r.GetInt32(0), Number(r, 1), Count(r, 2), Count(r, 3), Count(r, 4), Number(r, 5), Number(r, 6), Count(r, 7),
                r.GetDateTime(8), r.GetDateTime(9), Count(r, 10))),
        WeekdayHour = store.Query(
            "SELECT weekday, hour, revenue, orders, lines, revenue_share FROM exploration_weekday_hour ORDER BY weekday, hour",
            r => new WeekdayHourRow((DayOfWeek)(r.GetInt32(0) % 7), r.GetInt32(1), Number(r, 2), Count(r, 3), Count(r, 4), Number(r, 5))),
        TopProducts = store.Query(
            """
            SELECT ranking, rank, stock_code, description, quantity, revenue, customers, lines, returned_quantity, returned_lines, returned_value, return_rate
            FROM exploration_top_products
            ORDER BY CASE ranking WHEN 'quantity' THEN 1 WHEN 'revenue' THEN 2 WHEN 'customers' THEN 3 ELSE 4 END, rank
            """,
            r => new ProductRankRow(Enum.Parse<ProductRanking>(r.GetString(0), ignoreCase: true), r.GetInt32(1), r.GetString(2), Text(r, 3),
                Number(r, 4), Number(r, 5), Count(r, 6), Count(r, 7), Number(r, 8), Count(r, 9), Number(r, 10), Number(r, 11))),
        Products = store.Query(
            """
            SELECT products, top_10pct_products, top_10pct_revenue_share, top_20pct_revenue_share, mean_unit_price,
                   unit_price_p05, unit_price_p25, unit_price_median, unit_price_p75, unit_price_p95, unit_price_max
            FROM exploration_product_summary
            """,
            r => new ProductSummary(Count(r, 0), Count(r, 1), Number(r, 2), Number(r, 3), Number(r, 4), Number(r, 5), Number(r, 6), Number(r, 7),
                Number(r, 8), Number(r, 9), Number(r, 10)))[0],
        PriceBands = store.Query(
            "SELECT band, lower_price, upper_price, lines, quantity, revenue, products, line_share, revenue_share FROM exploration_price_bands ORDER BY band",
            r => new PriceBandRow(r.GetInt32(0), Number(r, 1), Optional(r, 2), Count(r, 3), Number(r, 4), Number(r, 5), Count(r, 6), Number(r, 7), Number(r, 8))),
        Countries = store.Query(
            """
            SELECT country, customers, orders, revenue, average_order_value, revenue_share, customer_share, lines
            FROM exploration_countries ORDER BY revenue DESC, country
            """,
            r => new CountryRow(r.GetString(0), Count(r, 1), Count(r, 2), Number(r, 3), Number(r, 4), Number(r, 5), Number(r, 6), Count(r, 7))),
        Customers = store.Query(
            """
            SELECT customers, one_time_customers, repeat_customers, repeat_share, repeat_revenue_share, mean_orders, median_orders,
                   mean_spend, median_spend, spend_p90, revenue
            FROM exploration_customer_summary
            """,
            r => new CustomerSummary(Count(r, 0), Count(r, 1), Count(r, 2), Number(r, 3), Number(r, 4), Number(r, 5), Number(r, 6), Number(r, 7),
                Number(r, 8), Number(r, 9), Number(r, 10)))[0],
        OrdersPerCustomer = store.Query(
            """
            SELECT bucket, lower_orders, upper_orders, customers, revenue, customer_share, revenue_share
            FROM exploration_orders_per_customer ORDER BY bucket
            """,
            Bucket),
        SpendPerCustomer = store.Query(
            """
            SELECT band, lower_spend, upper_spend, customers, revenue, customer_share, revenue_share
            FROM exploration_spend_per_customer ORDER BY band
            """,
            Bucket),
        Pareto = store.Query(
            "SELECT customer_percent, top_customers, revenue, revenue_share FROM exploration_pareto ORDER BY customer_percent",
            r => new ParetoPoint(r.GetInt32(0), Count(r, 1), Number(r, 2), Number(r, 3))),
        Cohorts = store.Query(
            """
            SELECT cohort_month, customers, revenue, revenue_per_customer, repeat_customers, months_observed
            FROM exploration_cohorts ORDER BY cohort_month
            """,
            r => new CohortRow(Date(r, 0), Count(r, 1), Number(r, 2), Number(r, 3), Count(r, 4), r.GetInt32(5))),
        CohortMonths = store.Query(
            """
            SELECT cohort_month, month_offset, month, cohort_customers, active_customers, retention, revenue, revenue_per_customer,
                   cumulative_revenue_per_customer
            FROM exploration_cohort_months ORDER BY cohort_month, month_offset
            """,
            r => new CohortMonthRow(Date(r, 0), r.GetInt32(1), Date(r, 2), Count(r, 3), Count(r, 4), Number(r, 5), Number(r, 6), Number(r, 7), Number(r, 8))),
        RetentionCurve = store.Query(
            """
            SELECT month_offset, cohorts, customers, mean_retention, weighted_retention, cumulative_revenue_per_customer
            FROM exploration_retention_curve ORDER BY month_offset
            """,
            r => new RetentionPoint(r.GetInt32(0), Count(r, 1), Count(r, 2), Number(r, 3), Number(r, 4), Number(r, 5))),
        DataQuality = store.Query(
            "SELECT kind, step, name, description, lines, revenue, line_share FROM exploration_data_quality ORDER BY step",
            r => new DataQualityRow(Enum.Parse<DataQualityKind>(r.GetString(0), ignoreCase: true), r.GetInt32(1), r.GetString(2), r.GetString(3),
                Count(r, 4), Optional(r, 5), Number(r, 6))),
    };

    private static CustomerBucketRow Bucket(DbDataReader r) =>
        new(r.GetInt32(0), Optional(r, 1), Optional(r, 2), Count(r, 3), Number(r, 4), Number(r, 5), Number(r, 6));

    private static DateOnly Date(DbDataReader r, int i) => DateOnly.FromDateTime(r.GetDateTime(i));

    private static long Count(DbDataReader r, int i) => r.IsDBNull(i) ? 0 : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);

    /// <summary>NULL (no orders, no quantities) reads as NaN, which the CSV writer leaves empty.</summary>
    private static double Number(DbDataReader r, int i) => r.IsDBNull(i) ? double.NaN : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    private static double? Optional(DbDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
