using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>
/// Proves the nanoFramework gate is real: code a nanoFramework 1.x device cannot run fails the build
/// when compiled through portability/Nano.props, the same file the gate projects use.
/// </summary>
[Collection(NestedBuilds.Name)]
public sealed class GateTests : IClassFixture<GateProbe>
{
    private readonly GateProbe _probe;

    public GateTests(GateProbe probe) => _probe = probe;

    [Fact]
    public void Portable_code_using_only_nanoFramework_mscorlib_builds_through_the_gate()
    {
        var (exit, output) = _probe.Build("Good", """
            namespace Probe
            {
                public sealed class Ring
                {
                    private readonly byte[] _buffer = new byte[16];
                    private readonly System.Collections.ArrayList _items = new System.Collections.ArrayList();
                    public int Put(byte value) { lock (_items) { _buffer[0] = value; _items.Add(value); return $"n={_items.Count}".Length; } }
                }
            }
            """);

        Assert.True(exit == 0, output);
    }

    public static TheoryData<string, string, string> CompilerCaught => new()
    {
        { "ListOfInt", "var x = new System.Collections.Generic.List<int>();", "CS0234" },
        { "Linq", "int[] a = new int[1]; var b = System.Linq.Enumerable.ToArray(a);", "CS0234" },
        { "Task", "System.Threading.Tasks.Task.Delay(1);", "CS0234" },
        { "SpanOfT", "System.Span<byte> s = default;", "CS0234" },
        { "StringBuilder", "var sb = new System.Text.StringBuilder();", "CS0234" },
        { "Encoding", "var bytes = System.Text.Encoding.UTF8.GetBytes(\"x\");", "CS0234" },
        { "Hashtable", "var h = new System.Collections.Hashtable();", "CS0234" },
        { "Stream", "System.IO.Stream s = null;", "CS0234" },
        { "MathClass", "int m = System.Math.Max(1, 2);", "CS0234" },
    };

    public static TheoryData<string, string, string> AnalyzerCaught => new()
    {
        { "GenericMethod", "Id<int>(1); } static T Id<T>(T v) { return v;", "NANO001" },
        { "GenericType", "var box = new Box<int>(); } private sealed class Box<T> { ", "NANO001" },
        { "MultiDimensional", "var grid = new int[2, 2];", "NANO002" },
        { "FloatingPoint", "double money = 1.5;", "NANO003" },
        { "Reflection", "var m = typeof(string).GetMethod(\"Trim\");", "NANO004" },
    };

    [Theory]
    [MemberData(nameof(CompilerCaught))]
    public void A_type_a_nanoFramework_device_lacks_fails_the_gate_build(string name, string statement, string expectedError)
    {
        var (exit, output) = _probe.BuildAll("CompilerCaught", CompilerCaught);

        Assert.NotEqual(0, exit);
        Assert.Contains(name + ".cs(", output, StringComparison.Ordinal);
        Assert.Contains(expectedError, ErrorsOf(output, name), StringComparer.Ordinal);
        Assert.NotNull(statement);
    }

    [Theory]
    [MemberData(nameof(AnalyzerCaught))]
    public void Code_the_compiler_accepts_but_a_device_cannot_run_fails_the_gate_build(string name, string statement, string expectedError)
    {
        var (exit, output) = _probe.BuildAll("AnalyzerCaught", AnalyzerCaught);

        Assert.NotEqual(0, exit);
        Assert.Contains(expectedError, ErrorsOf(output, name), StringComparer.Ordinal);
        Assert.NotNull(statement);
    }

    // The error codes reported against one probe file.
    private static List<string> ErrorsOf(string output, string name) =>
        System.Text.RegularExpressions.Regex.Matches(output, "/" + name + @"\.cs\(\d+,\d+\): error (\w+)")
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToList();

    [Fact]
    public void List_of_int_in_Terminal_Core_Runtime_makes_the_solution_gate_fail()
    {
        var (exit, output) = _probe.BuildCoreWith("namespace Terminal.Core { internal static class GateProbe { internal static object Make() { return new System.Collections.Generic.List<int>(); } } }");

        Assert.NotEqual(0, exit);
        Assert.Contains("GateProbe.cs", output, StringComparison.Ordinal);
        Assert.Contains("error CS0234", output, StringComparison.Ordinal);
    }
}
