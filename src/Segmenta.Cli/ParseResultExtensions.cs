using System.CommandLine;

namespace Segmenta.Cli;

/// <summary>Tells an option the user typed from one left at its default, so re-runs change only what was typed.</summary>
internal static class ParseResultExtensions
{
    internal static bool Given(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
