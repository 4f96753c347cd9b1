using System.Text.Json;
using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>
/// Each device gate compiles what its nanoFramework project compiles: the project's own files in the gate itself,
/// and the portable sources the project compiles in through the library gates the gate references. A file added
/// to a .nfproj (or linked into it, as the boot loader links two adapters) that no gate compiles fails here.
/// </summary>
public sealed class DeviceGateTests
{
    [Theory]
    [InlineData("firmware/Terminal.Device/Terminal.Device.nfproj", "portability/Terminal.Device.Nano/Terminal.Device.Nano.csproj")]
    [InlineData("firmware/Terminal.Boot/Terminal.Boot.nfproj", "portability/Terminal.Boot.Nano/Terminal.Boot.Nano.csproj")]
    [InlineData("tests/Terminal.DeviceTests/Terminal.DeviceTests.nfproj", "portability/Terminal.DeviceTests.Nano/Terminal.DeviceTests.Nano.csproj")]
    public void The_gate_compiles_every_file_of_the_nanoFramework_project(string nfproj, string gate)
    {
        HashSet<string> device = Evaluate(nfproj).Compile;
        (HashSet<string> own, List<string> references) = Evaluate(gate);
        var compiled = new HashSet<string>(own, StringComparer.Ordinal);
        foreach (string library in LibraryGates(references))
        {
            compiled.UnionWith(Evaluate(library).Compile);
        }

        Assert.NotEmpty(device);
        Assert.All(device, file => Assert.Contains(file, compiled));
        Assert.All(own, file => Assert.Contains(file, device)); // and nothing the device does not compile
    }

    // The gate projects a gate references, transitively; the stubs of portability/NanoApi are not sources of the device.
    private static HashSet<string> LibraryGates(List<string> references)
    {
        var gates = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(references);
        string stubs = Path.Combine(RepoPaths.Root, "portability", "NanoApi") + Path.DirectorySeparatorChar;
        while (pending.Count > 0)
        {
            string project = pending.Pop();
            if (!project.StartsWith(stubs, StringComparison.Ordinal) && gates.Add(project))
            {
                foreach (string next in Evaluate(project).References)
                {
                    pending.Push(next);
                }
            }
        }

        return gates;
    }

    // The full paths of a project's Compile and ProjectReference items, as MSBuild evaluates them.
    private static (HashSet<string> Compile, List<string> References) Evaluate(string project)
    {
        var (exit, output) = DotnetCli.Run(RepoPaths.Root, "msbuild", Path.Combine(RepoPaths.Root, project), "-getItem:Compile", "-getItem:ProjectReference", "-nologo");
        Assert.True(exit == 0, output);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement items = json.RootElement.GetProperty("Items");
        return (new HashSet<string>(FullPaths(items, "Compile"), StringComparer.Ordinal), FullPaths(items, "ProjectReference").ToList());
    }

    private static IEnumerable<string> FullPaths(JsonElement items, string type)
        => items.TryGetProperty(type, out JsonElement list)
            ? list.EnumerateArray().Select(i => Path.GetFullPath(i.GetProperty("FullPath").GetString()!))
            : [];
}
