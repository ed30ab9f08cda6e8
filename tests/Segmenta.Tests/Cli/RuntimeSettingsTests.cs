using System.Text.RegularExpressions;
using System.Xml.Linq;
using Segmenta.Tests.Support;

namespace Segmenta.Tests.Cli;

/// <summary>
/// The runtime settings the README's <c>./segmenta</c> runs with, measured as speed fixes (docs/benchmarks.md): nothing
/// fails when one is lost, the run only gets slower, so they are pinned here. The tier and ReadyToRun settings apply to
/// the ReadyToRun build, which runs <c>serve</c> and is the fallback when the native build fails (docs/decisions.md 96);
/// the native build has no JIT. How the script chooses between them: <see cref="SegmentaScriptTests"/>.
/// </summary>
public partial class RuntimeSettingsTests
{
    [Fact]
    public void The_segmenta_script_raises_the_tier_one_call_count_before_it_starts_the_command()
    {
        var script = File.ReadAllLines(Path.Combine(RepoPaths.Root, "segmenta"));
        var export = Array.FindIndex(script, l => ThresholdExport().IsMatch(l));
        var run = Array.FindLastIndex(script, l => l.TrimStart().StartsWith("dotnet \"$dll\"", StringComparison.Ordinal));

        Assert.True(export >= 0, "./segmenta no longer exports DOTNET_TC_CallCountThreshold");
        Assert.True(run > export, "./segmenta must export DOTNET_TC_CallCountThreshold before it runs the command");
        Assert.Equal("1000", ThresholdExport().Match(script[export]).Groups["value"].Value);
    }

    [Fact]
    public void The_side_by_side_benchmark_times_the_command_with_the_same_setting_as_the_script()
    {
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "segmenta"));
        var compare = File.ReadAllText(Path.Combine(RepoPaths.Root, "bench", "scale", "compare.sh"));

        var ofScript = ThresholdExport().Match(script);
        var ofCompare = ThresholdExport().Match(compare);

        Assert.True(ofCompare.Success, "bench/scale/compare.sh times the dll without ./segmenta's DOTNET_TC_CallCountThreshold");
        Assert.Equal(ofScript.Groups["value"].Value, ofCompare.Groups["value"].Value);
    }

    [Fact]
    public void The_command_runs_without_tiered_profile_guided_recompilation()
    {
        var tieredPgo = ProjectProperty("Segmenta.Cli", "TieredPGO");

        Assert.Equal("false", tieredPgo);
    }

    [Fact]
    public void The_published_command_precompiles_the_generic_code_it_instantiates_from_other_assemblies()
    {
        var arguments = ProjectProperty("Segmenta.Cli", "PublishReadyToRunCrossgen2ExtraArgs") ?? "";

        Assert.Contains("--opt-cross-module:*", arguments.Split(';'));
        Assert.Contains("--non-local-generics-module:*", arguments.Split(';'));
    }

    [Fact]
    public void The_core_library_is_checked_for_native_compilation_at_every_build()
    {
        var compatible = ProjectProperty("Segmenta", "IsAotCompatible");

        Assert.Equal("true", compatible);
    }

    [Fact]
    public void The_serve_command_names_the_token_variable_the_web_app_reads()
    {
        Assert.Equal(Segmenta.Web.WebOptions.TokenVariable, Segmenta.Cli.ServeCommand.TokenVariable);
    }

    /// <summary>The value of <paramref name="property"/> in src/<paramref name="project"/>/<paramref name="project"/>.csproj (null when it is not set).</summary>
    private static string? ProjectProperty(string project, string property) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", project, $"{project}.csproj")).Descendants(property).Select(e => e.Value.Trim()).SingleOrDefault();

    // A caller's own value wins: export VAR="${VAR:-default}".
    [GeneratedRegex("""^\s*export DOTNET_TC_CallCountThreshold="\$\{DOTNET_TC_CallCountThreshold:-(?<value>\d+)\}"\s*$""", RegexOptions.Multiline)]
    private static partial Regex ThresholdExport();
}
