namespace Segmenta.Loading;

/// <summary>Which source column (by index and header name) plays each role; roles absent from the file are absent here.</summary>
public sealed record ColumnMapping(IReadOnlyDictionary<ColumnRole, int> Indexes, IReadOnlyList<string> Header)
{
    /// <summary>True when the file has a column for the role.</summary>
    public bool Has(ColumnRole role) => Indexes.ContainsKey(role);

    /// <summary>The column index for the role, or -1 when the file has none.</summary>
    public int IndexOf(ColumnRole role) => Indexes.TryGetValue(role, out var index) ? index : -1;

    /// <summary>"role=column" pairs, for logs and the run record.</summary>
    public string Describe() =>
        string.Join(", ", Indexes.OrderBy(p => p.Key).Select(p => $"{RoleNames.Of(p.Key)}={Header[p.Value]}"));
}
