namespace Segmenta.Loading;

/// <summary>A block of converted lines and quarantined records, handed from the parsing thread to the writing thread.</summary>
internal sealed class LineBatch
{
    internal const int Capacity = 4096;

    internal TransactionLine[] Lines { get; } = new TransactionLine[Capacity];

    internal int Count { get; set; }

    internal List<(long LineNumber, string Reason, string RawText)> Quarantined { get; } = [];

    internal bool IsFull => Count == Capacity;

    internal void Clear()
    {
        Count = 0;
        Quarantined.Clear();
    }
}
