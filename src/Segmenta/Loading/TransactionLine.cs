namespace Segmenta.Loading;

/// <summary>One typed line item as loaded; roles the file lacks are null (also the amount, when the file has neither a line total nor quantity and price). Numbers are exact decimals of 4 places (<see cref="Money"/>).</summary>
internal struct TransactionLine
{
    public long LineNumber;
    public string? Invoice;
    public string? Product;
    public string? Description;
    public decimal? Quantity;
    public DateTime Date;
    public decimal? UnitPrice;
    public decimal? Amount;
    public string? Customer;
    public string? Country;
    public string? Category;
}
