namespace Segmenta;

/// <summary>
/// An option with a value that cannot be used. <see cref="Property"/> names the option as a property path of the run's
/// options (<c>Segmentation.K</c>); each host shows it in its own words (<c>--k</c> on the command line, the
/// "Segments" field of the dashboard) with <see cref="MessageFor"/>.
/// </summary>
public sealed class InvalidOptionException : SegmentaException
{
    /// <summary>Creates the error for <paramref name="property"/>; <paramref name="problem"/> says what is wrong and what to give.</summary>
    public InvalidOptionException(string property, string problem) : base($"{property}: {problem}")
    {
        Property = property;
        Problem = problem;
    }

    /// <summary>The option as a property path of the run's options, e.g. <c>Segmentation.K</c>.</summary>
    public string Property { get; }

    /// <summary>What is wrong and what to give, without the option's name.</summary>
    public string Problem { get; }

    /// <summary>The message with the option called <paramref name="name"/> (a flag, a form field).</summary>
    public string MessageFor(string name) => $"{name}: {Problem}";
}
