namespace Segmenta.Recommending;

/// <summary>Keeps the best k picks seen so far in a span, best first (insertion; k is small).</summary>
internal static class TopPicks
{
    /// <summary>Offers a pick to the first <paramref name="count"/> entries of <paramref name="top"/>; returns the new count.</summary>
    public static int Offer(Span<Pick> top, int count, Pick pick)
    {
        if (count == top.Length && !pick.Beats(top[count - 1]))
        {
            return count;
        }
        var i = count == top.Length ? count - 1 : count;
        while (i > 0 && pick.Beats(top[i - 1]))
        {
            top[i] = top[i - 1];
            i--;
        }
        top[i] = pick;
        return count == top.Length ? count : count + 1;
    }
}
