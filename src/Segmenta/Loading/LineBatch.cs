namespace Segmenta.Loading;

/// <summary>A chunk of converted lines and the quarantined records among them, handed from the parsing thread to the writing thread.</summary>
internal sealed class LineBatch(LineChunk chunk) : IDisposable
{
    internal const int Capacity = LineChunk.Capacity;

    internal LineChunk Chunk { get; } = chunk;

    internal List<(long LineNumber, string Reason, string RawText)> Quarantined { get; } = [];

    internal bool IsFull => Chunk.IsFull || Quarantined.Count >= Capacity;

    internal void Clear()
    {
        Chunk.Reset();
        Quarantined.Clear();
    }

    public void Dispose() => Chunk.Dispose();
}
