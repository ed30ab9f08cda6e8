using Segmenta.Profiling;

namespace Segmenta.Tests.Profiling;

public class PlaybookTests
{
    [Fact]
    public void The_first_matching_entry_wins_and_the_reasoning_shows_the_numbers()
    {
        var action = Playbook.Default.Choose(SegmentNamerTests.Profile(0, recency: 0.3, frequency: 3, monetary: 4), overallReturnsRate: 0.02);
        Assert.Equal("reward-and-retain", action.PlaybookEntry);
        Assert.Contains("frequency index 3 ≥ 1.5", action.Reasoning);
    }

    [Fact]
    public void Lapsed_customers_who_spent_well_are_won_back()
    {
        var action = Playbook.Default.Choose(SegmentNamerTests.Profile(0, recency: 1.8, frequency: 1, monetary: 1.1), 0.02);
        Assert.Equal("win-back-valuable", action.PlaybookEntry);
    }

    [Fact]
    public void A_users_playbook_file_replaces_the_built_in_one()
    {
        var playbook = Playbook.Parse("""{"entries": [{"id": "all", "action": "Call everyone", "why": "small shop", "when": {}}]}""", "test");
        Assert.Equal("Call everyone", playbook.Choose(SegmentNamerTests.Profile(0, 1, 1, 1), 0.02).Action);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"entries": []}""")]
    [InlineData("""{"entries": [{"id": "x"}]}""")]
    public void A_broken_playbook_is_a_clear_error(string json)
    {
        var error = Assert.Throws<SegmentaException>(() => Playbook.Parse(json, "my-playbook.json"));
        Assert.Contains("my-playbook.json", error.Message);
    }
}
