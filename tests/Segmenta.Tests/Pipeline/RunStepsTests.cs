using Segmenta.Pipeline;
using Segmenta.Store;
using Segmenta.Tests.Generating;

namespace Segmenta.Tests.Pipeline;

/// <summary>Every step of a run is timed (wall, CPU, peak memory) and stored in run_steps, in the order run.</summary>
[Collection(GeneratedShopCollection.Name)]
public class RunStepsTests(GeneratedShopFixture shop)
{
    [Fact]
    public void Run_steps_holds_every_step_of_the_run_in_order_with_the_times_of_the_result()
    {
        using var store = SegmentaStore.Open(shop.Default.DatabasePath);
        var runId = store.Scalar<long>("SELECT max(run_id) FROM runs");

        var stored = RunSteps.Load(store, runId);

        Assert.Equal(shop.Default.Steps.Select(s => s.Step), stored.Select(s => s.Step));
        Assert.Equal(shop.Default.Timings.Select(t => t.Step), stored.Select(s => s.Step));
        Assert.Contains(stored, s => s.Step == "Cleaning");
        Assert.Contains(stored, s => s.Step == "Writing report");
        Assert.All(stored, s => Assert.True(s.Wall >= TimeSpan.Zero && s.Cpu >= TimeSpan.Zero && s.PeakMemoryBytes > 0));
        Assert.Equal(store.Scalar<double>("SELECT seconds FROM runs WHERE run_id = $id", ("id", runId)),
            shop.Default.Elapsed.TotalSeconds, 2);
    }
}
