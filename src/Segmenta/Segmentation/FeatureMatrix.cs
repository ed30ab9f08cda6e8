namespace Segmenta.Segmentation;

/// <summary>A dense row-major matrix of customers (rows) by features (columns).</summary>
public sealed record FeatureMatrix(double[] Values, int Rows, int Columns, IReadOnlyList<string> Names)
{
    /// <summary>Row <paramref name="row"/> as a span.</summary>
    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Columns, Columns);

    /// <summary>Column <paramref name="column"/> copied out.</summary>
    public double[] Column(int column)
    {
        var values = new double[Rows];
        for (var i = 0; i < Rows; i++)
        {
            values[i] = Values[i * Columns + column];
        }
        return values;
    }

    /// <summary>The rows at the given indexes, as a new matrix.</summary>
    public FeatureMatrix Select(IReadOnlyList<int> rows)
    {
        var values = new double[rows.Count * Columns];
        for (var i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(values.AsSpan(i * Columns, Columns));
        }
        return this with { Values = values, Rows = rows.Count };
    }
}
