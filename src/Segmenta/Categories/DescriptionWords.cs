namespace Segmenta.Categories;

/// <summary>How descriptions and vocabulary phrases are cut into words and how plurals are recognised.</summary>
internal static class DescriptionWords
{
    /// <summary>
    /// Upper-case words of letters and digits: apostrophes are dropped ("50'S" is 50S) and every other character
    /// separates words, so "T-LIGHT", "T LIGHT" and "TEA/COFFEE" split alike.
    /// </summary>
    internal static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (c is '\'' or '\u2019')
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToUpperInvariant(c));
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }
        return words;
    }

    /// <summary>The word and the singulars it may be the plural of: BOXES → BOXE, BOX; DOILIES → DOILY; SHELVES → SHELF.</summary>
    internal static List<string> Forms(string word)
    {
        var forms = new List<string>(4) { word };
        if (word.Length <= 3 || word[^1] != 'S' || word.EndsWith("SS", StringComparison.Ordinal))
        {
            return forms;
        }
        if (word.EndsWith("IES", StringComparison.Ordinal))
        {
            forms.Add(word[..^3] + "Y");
        }
        if (word.EndsWith("VES", StringComparison.Ordinal))
        {
            forms.Add(word[..^3] + "F");
        }
        forms.Add(word[..^1]);
        if (word.EndsWith("ES", StringComparison.Ordinal))
        {
            forms.Add(word[..^2]);
        }
        return forms;
    }
}
