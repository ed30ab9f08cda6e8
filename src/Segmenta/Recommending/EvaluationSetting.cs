namespace Segmenta.Recommending;

/// <summary>Which purchases after the cut count as hits in the offline evaluation.</summary>
public enum EvaluationSetting
{
    /// <summary>Every product the customer bought after the cut, repeat purchases included.</summary>
    AllItems,

    /// <summary>Only products the customer had never bought before the cut; known products are removed from both lists.</summary>
    NewItems,
}
