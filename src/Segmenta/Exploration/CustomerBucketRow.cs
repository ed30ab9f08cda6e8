namespace Segmenta.Exploration;

/// <summary>
/// One bucket of a customer distribution: customers whose value (orders, or spend) lies between Lower and Upper.
/// For orders both limits are inclusive; for spend the bucket is [Lower, Upper). A null limit is open.
/// </summary>
/// <param name="Bucket">1 = lowest bucket.</param>
/// <param name="Lower">Lower limit, or null when open.</param>
/// <param name="Upper">Upper limit, or null when open.</param>
/// <param name="Customers">Customers in the bucket.</param>
/// <param name="Revenue">Their revenue.</param>
/// <param name="CustomerShare">Share of all customers.</param>
/// <param name="RevenueShare">Share of all revenue.</param>
public sealed record CustomerBucketRow(int Bucket, double? Lower, double? Upper, long Customers, double Revenue, double CustomerShare, double RevenueShare);
