namespace Segmenta.Cleaning;

/// <summary>The rules of each preset in the order they are applied, with the reason each exists.</summary>
internal static class CleaningRules
{
    internal static IReadOnlyList<(string Rule, string Description)> For(CleaningPreset preset) => preset switch
    {
        CleaningPreset.Classic =>
        [
            ("missing_customer", "No customer id: the line cannot be attributed to anyone."),
            ("cancelled_invoice", "Invoice number starts with C: a cancellation, not a purchase."),
            ("non_positive_quantity", "Quantity zero or negative: returns and corrections."),
            ("non_positive_price", "Unit price zero or negative: free items and bad-debt entries."),
            ("duplicate", "Exact copy of an earlier line (every column equal)."),
            ("kept", "Clean purchase lines used for the analysis."),
        ],
        _ =>
        [
            ("missing_customer", "No customer id: the line cannot be attributed to anyone."),
            ("adjustment", "Invoice number starts with A: an accounting adjustment (bad debt), not a sale."),
            ("non_product", "Stock code is not a product (postage, fees, vouchers, manual lines)."),
            ("return", "Cancellation matched to the purchase it reverses: netted out of that customer's revenue and counted as a return."),
            ("unmatched_cancellation", "Cancellation or negative quantity with no earlier matching purchase in the data (bought before the data starts)."),
            ("zero_quantity", "Quantity zero: nothing changed hands."),
            ("non_positive_price", "Unit price zero or negative: free items and corrections."),
            ("extreme_quantity", "Quantity beyond the extreme-quantity threshold: almost always an entry error."),
            ("duplicate", "Exact copy of an earlier line (every column equal)."),
            ("kept", "Clean purchase lines used for the analysis."),
        ],
    };
}
