namespace Segmenta.Generating;

/// <summary>Lines and revenue (sum of quantity × price, exact) one cleaning rule claims in a generated file.</summary>
/// <param name="Rule">Rule name as in the cleaning report, or "kept".</param>
/// <param name="Lines">Lines claimed.</param>
/// <param name="Revenue">Sum of their amounts (negative for cancellations and refunds).</param>
public sealed record TruthRow(string Rule, long Lines, decimal Revenue);

/// <summary>The money vocabulary of docs/cleaning.md for the default preset, known exactly from the generated lines.</summary>
/// <param name="SalesOfKeptLines">Sum of the kept purchase lines' amounts.</param>
/// <param name="Returns">Value of cancelled units matched to earlier kept purchases.</param>
/// <param name="Refunds">Refund lines of customers with kept purchases (positive).</param>
/// <param name="RefundsWithoutPurchase">Refund lines of customers without any kept purchase (positive).</param>
/// <param name="RefundLinesWithoutPurchase">How many such lines.</param>
/// <param name="NetSales">Sales of kept lines − returns − refunds.</param>
/// <param name="FreeOnlyCustomers">Customers whose kept lines all cost 0.</param>
public sealed record TruthMoney(decimal SalesOfKeptLines, decimal Returns, decimal Refunds, decimal RefundsWithoutPurchase,
    long RefundLinesWithoutPurchase, decimal NetSales, long FreeOnlyCustomers);

/// <summary>The BG/NBD purchases were drawn from (time unit: business day, ≈ one calendar day on average).</summary>
public sealed record TruthModel(double R, double Alpha, double A, double B, DateTime PeriodStart, DateTime PeriodEnd, double BasketMean);

/// <summary>
/// What a correct analysis of a generated file must find, written beside it as <c>FILE.truth.json</c>: lines per
/// cleaning rule for both presets, customers, and the reconciled money of the default preset.
/// </summary>
/// <param name="File">The data file.</param>
/// <param name="Lines">Lines written (header not counted).</param>
/// <param name="Seed">Seed the file was drawn with.</param>
/// <param name="Products">Products in the catalogue.</param>
/// <param name="Customers">Customers with at least one kept line under the default preset.</param>
/// <param name="ClassicCustomers">Customers with at least one kept line under the classic preset.</param>
/// <param name="CustomerIds">Distinct customer ids in the file (with any line at all).</param>
/// <param name="Default">Per rule of the default preset, in order, then "kept".</param>
/// <param name="Classic">Per rule of the classic preset, in order, then "kept".</param>
/// <param name="Money">Default preset money.</param>
/// <param name="Model">The purchase model.</param>
public sealed record GroundTruth(string File, long Lines, int Seed, int Products, long Customers, long ClassicCustomers, long CustomerIds,
    IReadOnlyList<TruthRow> Default, IReadOnlyList<TruthRow> Classic, TruthMoney Money, TruthModel Model);
