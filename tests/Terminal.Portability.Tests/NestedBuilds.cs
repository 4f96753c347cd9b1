using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>
/// Test classes that build gate or stub projects from inside the test run, or read what those builds write,
/// run one at a time: two nested builds of the same project must not write its obj/ and bin/ at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class NestedBuilds
{
    public const string Name = "Nested builds of the gate";
}
