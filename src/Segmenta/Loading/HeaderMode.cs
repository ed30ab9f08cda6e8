namespace Segmenta.Loading;

/// <summary>Whether the first line of a text file names the columns.</summary>
public enum HeaderMode
{
    /// <summary>Decide from the first line: a line with numbers or dates and no usual column name is data.</summary>
    Auto,
    /// <summary>The first line names the columns.</summary>
    Present,
    /// <summary>Every line is data; columns are named by position: 1, 2, 3, ...</summary>
    Absent,
}
