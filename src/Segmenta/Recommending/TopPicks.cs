using System.Runtime.CompilerServices;

namespace Segmenta.Recommending;

/// <summary>Keeps the best k picks seen so far in a span, best first (insertion; k is small).</summary>
internal static class TopPicks
{
    /// <summary>
    /// Whether <see cref="Offer"/> would leave <paramref name="top"/> as it is for a pick of this score and product: the
    /// span is full and the pick does not beat its last entry (<see cref="Pick.Beats"/>). Lets the loops that offer
    /// thousands of candidates per customer skip building the pick and the call for the ones that cannot enter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Rejects(ReadOnlySpan<Pick> top, int count, double score, int product) =>
        count == top.Length && !Pick.Outranks(score, product, top[count - 1]);

    /// <summary>Offers a pick to the first <paramref name="count"/> entries of <paramref name="top"/>; returns the new count.</summary>
    public static int Offer(Span<Pick> top, int count, Pick pick)
    {
        if (Rejects(top, count, pick.Score, pick.Product))
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
