using System.Text.Json;
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
    public void Valuable_segments_with_many_customers_at_high_churn_risk_are_high_value_at_risk()
    {
        // Average past behaviour (it would be nurtured), but predicted to be worth twice the average while 40 % may be leaving.
        var profile = SegmentNamerTests.Profile(0, recency: 1, frequency: 0.9, monetary: 0.9);
        var atRisk = profile with { Value = new Segmenta.Lifetime.SegmentValue("kmeans", 0, 365, 100, 50_000, 500, 2.0, 0.4) };
        var action = Playbook.Default.Choose(atRisk, 0.02);
        Assert.Equal("high-value-at-risk", action.PlaybookEntry);
        Assert.Contains("CLV index 2 ≥ 1.5", action.Reasoning);
        Assert.Contains("high churn-risk share 0.4 ≥ 0.25", action.Reasoning);
        // The same segment without a lifetime run, or with few customers at risk, is not.
        Assert.Equal("nurture", Playbook.Default.Choose(profile, 0.02).PlaybookEntry);
        Assert.Equal("nurture", Playbook.Default.Choose(atRisk with { Value = atRisk.Value! with { HighChurnRiskShare = 0.1 } }, 0.02).PlaybookEntry);
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

    [Fact]
    public void The_generated_reader_reads_the_built_in_playbook_as_the_reflection_serializer_did()
    {
        using var stream = typeof(Playbook).Assembly.GetManifestResourceStream("Profiling/playbook.json")!;
        var json = new StreamReader(stream).ReadToEnd();
        // The options the reflection serializer was given before the reader was generated at compile time.
        var reflection = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

        var expected = JsonSerializer.Deserialize<Playbook.PlaybookFile>(json, reflection)!.Entries!;

        Assert.Equal(expected.Select(e => e with { When = e.When ?? new PlaybookCondition(), Why = e.Why ?? "" }), Playbook.Default.Entries);
        Assert.True(Playbook.Default.Entries.Count > 3);
    }

    [Fact]
    public void A_playbook_file_with_comments_and_names_in_any_case_is_read()
    {
        var playbook = Playbook.Parse("""
            // a user's playbook
            {"Entries": [{"ID": "loyal", "Action": "Thank them", "WHEN": {"frequencyIndexMin": 2}}]}
            """, "test");

        Assert.Equal(new PlaybookEntry("loyal", "Thank them", "", new PlaybookCondition { FrequencyIndexMin = 2 }), playbook.Entries.Single());
    }
}
