namespace Segmenta.Tests.Pipeline;

/// <summary>The test classes that read one shared run of the whole pipeline on the real data (it takes seconds, so it runs once).</summary>
[CollectionDefinition(Name)]
public sealed class ClassicRunCollection : ICollectionFixture<ClassicRunFixture>
{
    public const string Name = "Classic run of the shared data";
}
