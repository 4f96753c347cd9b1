using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>The gate compiles every source file of the portable projects: none is left out to get green.</summary>
public sealed class GateCoverageTests
{
    [Theory]
    [InlineData("portability/Terminal.Hal.Nano/Terminal.Hal.Nano.csproj", "firmware/Terminal.Hal")]
    [InlineData("portability/Terminal.Core.Nano/Terminal.Core.Nano.csproj", "firmware/Terminal.Core")]
    [InlineData("portability/Terminal.Drivers.Nano/Terminal.Drivers.Nano.csproj", "drivers/Terminal.Drivers")]
    [InlineData("portability/Terminal.Boot.Nano/Terminal.Boot.Nano.csproj", "firmware/Terminal.Boot")]
    [InlineData("portability/Terminal.Device.Nano/Terminal.Device.Nano.csproj", "firmware/Terminal.Device")]
    [InlineData("portability/Terminal.DeviceTests.Nano/Terminal.DeviceTests.Nano.csproj", "tests/Terminal.DeviceTests")]
    public void Gate_project_compiles_every_source_file_of_its_portable_project(string gateProject, string portableDir)
    {
        string root = RepoPaths.Root;
        var (exit, output) = DotnetCli.Run(root, "msbuild", gateProject, "-getItem:Compile", "-nologo");
        Assert.True(exit == 0, output);

        var compiled = new HashSet<string>(
            System.Text.RegularExpressions.Regex.Matches(output, "\"FullPath\":\\s*\"([^\"]+)\"")
                .Select(m => Path.GetFullPath(m.Groups[1].Value.Replace("\\\\", "/", StringComparison.Ordinal))),
            StringComparer.Ordinal);
        string dir = Path.Combine(root, portableDir);
        var sources = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(Path.GetFullPath)
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, f => Assert.Contains(f, compiled));
    }

    [Fact]
    public void Portable_projects_do_not_change_what_the_gate_sees()
    {
        // The host builds of Hal, Core and Drivers must not remove files from compilation or add generated
        // sources the gate would miss: they keep the SDK's default globbing.
        foreach (var csproj in new[] { "firmware/Terminal.Hal/Terminal.Hal.csproj", "firmware/Terminal.Core/Terminal.Core.csproj", "drivers/Terminal.Drivers/Terminal.Drivers.csproj" })
        {
            string text = File.ReadAllText(Path.Combine(RepoPaths.Root, csproj));
            Assert.DoesNotContain("Compile Remove", text, StringComparison.Ordinal);
            Assert.DoesNotContain("EnableDefaultCompileItems", text, StringComparison.Ordinal);
        }
    }
}
