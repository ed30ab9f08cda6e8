namespace Segmenta.Loading;

/// <summary>One typed line item as loaded; roles the file lacks are null.</summary>
internal struct TransactionLine
{
    public long LineNumber;
    public string? Invoice;
    public string? Product;
    public string? Description;
    public double? Quantity;
    public DateTime Date;
    public double? UnitPrice;
    public double Amount;
    public string? Customer;
    public string? Country;
}
