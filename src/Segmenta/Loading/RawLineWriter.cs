using DuckDB.NET.Data;

namespace Segmenta.Loading;

/// <summary>Appends typed lines to raw_lines and bad lines to quarantine, inside the import's transaction.</summary>
internal sealed class RawLineWriter(DuckDBConnection connection, int importId) : IDisposable
{
    private readonly DuckDBAppender _lines = connection.CreateAppender("raw_lines");
    private DuckDBAppender? _quarantine;

    internal long Loaded { get; private set; }

    internal long Quarantined { get; private set; }

    internal void Append(in TransactionLine line)
    {
        _lines.CreateRow()
            .AppendValue(importId)
            .AppendValue(line.LineNumber)
            .AppendValue(line.Invoice)
            .AppendValue(line.Product)
            .AppendValue(line.Description)
            .AppendValue(line.Quantity)
            .AppendValue(line.Date)
            .AppendValue(line.UnitPrice)
            .AppendValue(line.Amount)
            .AppendValue(line.Customer)
            .AppendValue(line.Country)
            .AppendValue(line.Category)
            .EndRow();
        Loaded++;
    }

    internal void Quarantine(long lineNumber, string reason, string rawText)
    {
        _quarantine ??= connection.CreateAppender("quarantine");
        _quarantine.CreateRow()
            .AppendValue(importId)
            .AppendValue(lineNumber)
            .AppendValue(reason)
            .AppendValue(rawText)
            .EndRow();
        Quarantined++;
    }

    public void Dispose()
    {
        _lines.Dispose();
        _quarantine?.Dispose();
    }
}
