namespace Segmenta.Pipeline;

/// <summary>
/// The steps after the customer features in the order they run one after another (<see cref="StepBranches"/>): a step's
/// prerequisites always come before it, and the timing table lists the steps in this order however they overlapped.
/// </summary>
internal static class StepOrder
{
    public const int Exploring = 0;
    public const int Categories = 1;
    public const int Lifetime = 2;
    public const int Segmenting = 3;
    public const int Profiling = 4;
    public const int CategoryPreferences = 5;
    public const int Recommending = 6;
    public const int WritingOutputs = 7;
    public const int DrawingReport = 8;

    /// <summary>The steps' names, by their order above.</summary>
    public static readonly string[] Names =
    [
        "Exploring", "Product categories", "Lifetime value", "Segmenting customers", "Profiling segments", "Category preferences", "Recommending", "Writing outputs", "Drawing report",
    ];
}
