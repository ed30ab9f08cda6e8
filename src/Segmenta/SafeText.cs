using System.Text;

namespace Segmenta;

/// <summary>
/// Text from a user's file made safe to show in a message or a log: control bytes become '?', and at most
/// <see cref="MaxEcho"/> characters are kept, so a binary file or a 10 MB line never floods a terminal.
/// </summary>
public static class SafeText
{
    /// <summary>The most characters of a source line any message or output echoes.</summary>
    public const int MaxEcho = 200;

    /// <summary>At most <paramref name="max"/> characters of <paramref name="text"/>, "..." marking a cut, without control characters.</summary>
    public static string Clip(ReadOnlySpan<char> text, int max = MaxEcho)
    {
        var cut = text.Length > max;
        var kept = cut ? text[..max] : text;
        var builder = new StringBuilder(kept.Length + 3);
        foreach (var c in kept)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }
        if (cut)
        {
            builder.Append("...");
        }
        return builder.ToString();
    }

    /// <summary>A whole message: control characters other than line breaks become '?', and it is cut at <paramref name="max"/> characters.</summary>
    public static string Message(string message, int max = 4000)
    {
        var builder = new StringBuilder(Math.Min(message.Length, max) + 3);
        foreach (var c in message.Length > max ? message.AsSpan(0, max) : message)
        {
            builder.Append(c == '\n' || !char.IsControl(c) ? c : '?');
        }
        if (message.Length > max)
        {
            builder.Append("...");
        }
        return builder.ToString();
    }
}
