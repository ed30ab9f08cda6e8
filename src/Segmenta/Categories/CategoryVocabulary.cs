using System.Reflection;

namespace Segmenta.Categories;

/// <summary>
/// The editable list of category phrases that turns a product description into a category
/// (Categories/category_vocabulary.txt explains the format and the rule; <see cref="CategoryOptions.VocabularyPath"/>
/// replaces it). A description's category is the leftmost phrase found in it, the longest when several start at the same
/// word, after a leading quantity such as "SET OF 3" is skipped; motif phrases count only when no product phrase is found.
/// </summary>
internal sealed class CategoryVocabulary
{
    /// <summary>The category of descriptions without any phrase, and of products without a description.</summary>
    internal const string Other = "other";

    private const string ResourceName = "Categories/category_vocabulary.txt";

    /// <summary>Words that, first in a description and followed by "OF" or a number, only say how many come together.</summary>
    private static readonly HashSet<string> QuantityWords = ["SET", "SETS", "PACK", "PACKS", "BOX", "BAG", "TIN", "TUBE", "JAR", "ROLL", "STRING", "BUNDLE", "CASE", "PAIR", "S"];

    private readonly Dictionary<string, (string Category, int Words)> _products;
    private readonly Dictionary<string, (string Category, int Words)> _motifs;
    private readonly int _longest;

    private CategoryVocabulary(Dictionary<string, (string, int)> products, Dictionary<string, (string, int)> motifs)
    {
        _products = products;
        _motifs = motifs;
        _longest = products.Values.Concat(motifs.Values).Select(v => v.Item2).DefaultIfEmpty(1).Max();
        Categories = [.. products.Values.Concat(motifs.Values).Select(v => v.Item1).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The categories the vocabulary can give (besides <see cref="Other"/>), in ordinal order.</summary>
    internal IReadOnlyList<string> Categories { get; }

    /// <summary>The built-in vocabulary, or the file at <paramref name="path"/> when given.</summary>
    internal static CategoryVocabulary Load(string? path)
    {
        if (path is null)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"{ResourceName} is not embedded in the assembly.");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd(), "the built-in category vocabulary");
        }
        if (!File.Exists(path))
        {
            throw new SegmentaException($"No category vocabulary at {path} (VocabularyPath). Give an existing text file, or leave it out to use the built-in one.");
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Reads the "CATEGORY: phrase, phrase" lines of a [products] and an optional [motifs] section; '#' starts a comment.
    /// A phrase given twice is refused, since its category would depend on the order of the lines.
    /// </summary>
    internal static CategoryVocabulary Parse(string text, string source)
    {
        var products = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        var motifs = new Dictionary<string, (string, int)>(StringComparer.Ordinal);
        Dictionary<string, (string, int)>? section = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            if (line[0] == '[')
            {
                section = line.ToUpperInvariant() switch
                {
                    "[PRODUCTS]" => products,
                    "[MOTIFS]" => motifs,
                    _ => throw Bad(source, lineNumber, $"unknown section {line}; the sections are [products] and [motifs]"),
                };
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (section is null || colon <= 0)
            {
                throw Bad(source, lineNumber, section is null
                    ? "a category line before the [products] section"
                    : $"'{line}' is not CATEGORY: phrase, phrase");
            }
            var category = string.Join(' ', line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
            if (category.Equals(Other, StringComparison.OrdinalIgnoreCase))
            {
                throw Bad(source, lineNumber, $"'{Other}' is the category of descriptions without a phrase and cannot be given phrases");
            }
            foreach (var phrase in line[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var words = DescriptionWords.Split(phrase);
                if (words.Count == 0)
                {
                    continue;
                }
                var key = string.Join(' ', words);
                if (products.TryGetValue(key, out var earlier) || motifs.TryGetValue(key, out earlier))
                {
                    throw Bad(source, lineNumber, $"the phrase '{phrase}' is given to {category} and already to {earlier.Item1}; give each phrase once");
                }
                section[key] = (category, words.Count);
            }
        }
        if (products.Count == 0)
        {
            throw new SegmentaException($"{source} has no [products] phrases. Write lines such as 'BAG: BAG, SHOPPER' under a [products] line.");
        }
        return new CategoryVocabulary(products, motifs);
    }

    /// <summary>The category of a description and the words that decided it (empty for <see cref="Other"/>).</summary>
    internal (string Category, string Phrase) Categorise(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return (Other, "");
        }
        var words = SkipQuantity(DescriptionWords.Split(description));
        return Find(words, _products) ?? Find(words, _motifs) ?? (Other, "");
    }

    /// <summary>"SET OF 3 CAKE TINS" and "SET/4 ..." name a quantity first: the product starts after it.</summary>
    private static List<string> SkipQuantity(List<string> words)
    {
        if (words.Count < 2 || !QuantityWords.Contains(words[0]) || (words[1] != "OF" && !IsNumber(words[1])))
        {
            return words;
        }
        var start = words[1] == "OF" ? 2 : 1;
        while (start < words.Count && IsNumber(words[start]))
        {
            start++;
        }
        return start < words.Count ? words[start..] : words;
    }

    private static bool IsNumber(string word) => word.All(char.IsAsciiDigit);

    private (string Category, string Phrase)? Find(List<string> words, Dictionary<string, (string Category, int Words)> phrases)
    {
        for (var start = 0; start < words.Count; start++)
        {
            for (var length = Math.Min(_longest, words.Count - start); length > 0; length--)
            {
                if (Lookup(words, start, length, phrases) is { } category)
                {
                    return (category, string.Join(' ', words.Skip(start).Take(length)));
                }
            }
        }
        return null;
    }

    /// <summary>The category of the words [start, start+length), trying each word as written and then its singulars.</summary>
    private static string? Lookup(List<string> words, int start, int length, Dictionary<string, (string Category, int Words)> phrases)
    {
        var forms = new List<string>[length];
        for (var i = 0; i < length; i++)
        {
            forms[i] = DescriptionWords.Forms(words[start + i]);
        }
        var chosen = new string[length];
        return Combine(0);

        string? Combine(int position)
        {
            if (position == length)
            {
                return phrases.TryGetValue(string.Join(' ', chosen), out var hit) ? hit.Category : null;
            }
            foreach (var form in forms[position])
            {
                chosen[position] = form;
                if (Combine(position + 1) is { } found)
                {
                    return found;
                }
            }
            return null;
        }
    }

    private static SegmentaException Bad(string source, int line, string what) =>
        new($"Line {line} of {source}: {what}. Fix the line (the built-in file Categories/category_vocabulary.txt shows the format).");
}
