using System.Xml.Linq;
using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>
/// The gate covers the firmware: every nanoFramework library (.nfproj) has a gate project over the same folder,
/// the gate compiles every source file of it, and the device build sees exactly the assemblies the gate lets it see.
/// </summary>
public sealed class GateCoverageTests
{
    /// <summary>Every gate project with the portable folder it compiles.</summary>
    public static TheoryData<string, string> GateProjects()
    {
        var data = new TheoryData<string, string>();
        foreach (var (gate, sourceDir) in Gates())
        {
            data.Add(gate, sourceDir);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GateProjects))]
    public void Gate_project_compiles_every_source_file_of_its_portable_project(string gateProject, string portableDir)
    {
        string root = RepoPaths.Root;
        var (exit, output) = DotnetCli.Run(root, "msbuild", gateProject, "-getItem:Compile", "-nologo");
        Assert.True(exit == 0, output);

        var compiled = new HashSet<string>(
            System.Text.RegularExpressions.Regex.Matches(output, "\"FullPath\":\\s*\"([^\"]+)\"")
                .Select(m => Path.GetFullPath(m.Groups[1].Value.Replace("\\\\", "/", StringComparison.Ordinal))),
            StringComparer.Ordinal);
        var sources = SourceFiles(Path.Combine(root, portableDir));

        Assert.NotEmpty(sources);
        Assert.All(sources, f => Assert.Contains(f, compiled));
    }

    [Fact]
    public void Every_nanoFramework_library_has_a_gate_project_over_its_folder()
    {
        var gated = Gates().Select(g => Path.GetFullPath(Path.Combine(RepoPaths.Root, g.SourceDir)).TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var libraries = Libraries().ToList();

        Assert.True(libraries.Count >= 10, "expected the firmware's libraries, found " + libraries.Count);
        Assert.All(libraries, nfproj => Assert.Contains(Path.GetDirectoryName(nfproj)!, gated));
    }

    [Fact]
    public void Every_firmware_library_is_also_a_net10_project_over_the_same_folder()
    {
        foreach (string nfproj in Libraries().Where(p => !p.StartsWith(Path.Combine(RepoPaths.Root, "tests"), StringComparison.Ordinal)))
        {
            string csproj = Path.ChangeExtension(nfproj, ".csproj");
            Assert.True(File.Exists(csproj), "no PC project beside " + nfproj);
            string text = File.ReadAllText(csproj);
            // The PC build keeps the SDK's default globbing, so it compiles what the gate and the device compile.
            Assert.DoesNotContain("Compile Remove", text, StringComparison.Ordinal);
            Assert.DoesNotContain("EnableDefaultCompileItems", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_library_references_on_the_device_exactly_what_its_gate_lets_it_see()
    {
        // The .nfproj lists its whole closure (nanoFramework projects do not pass references on); the gate's
        // ProjectReferences are transitive. The two must name the same assemblies, or the device could use a
        // layer the gate forbids.
        var gateByName = Gates().ToDictionary(g => Path.GetFileNameWithoutExtension(g.Gate)[..^".Nano".Length], g => g.Gate, StringComparer.Ordinal);
        foreach (string nfproj in Libraries())
        {
            string name = AssemblyName(nfproj);
            Assert.True(gateByName.ContainsKey(name), "no gate named " + name + ".Nano");
            var deviceSees = ProjectReferences(nfproj).Select(AssemblyName).ToHashSet(StringComparer.Ordinal);
            var gateSees = GateClosure(gateByName[name]);
            Assert.True(gateSees.SetEquals(deviceSees), $"{name}: the device project references [{string.Join(", ", deviceSees.Order())}] but its gate sees [{string.Join(", ", gateSees.Order())}]");
        }
    }

    [Fact]
    public void The_boot_loader_references_only_hal_update_and_crypto()
    {
        string nfproj = Path.Combine(RepoPaths.Root, "firmware/Terminal.Boot/Terminal.Boot.nfproj");
        var names = ProjectReferences(nfproj).Select(AssemblyName).Order().ToArray();

        Assert.Equal(new[] { "Terminal.Core.Update", "Terminal.Core.Util", "Terminal.Drivers.Crypto", "Terminal.Hal" }, names);
    }

    private static IEnumerable<(string Gate, string SourceDir)> Gates()
    {
        string root = RepoPaths.Root;
        foreach (string gate in Directory.EnumerateFiles(Path.Combine(root, "portability"), "*.Nano.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dir = XDocument.Load(gate).Descendants("NanoSourceDir").FirstOrDefault()?.Value;
            if (dir == null)
            {
                continue;
            }

            string full = Path.GetFullPath(dir.Replace("$(MSBuildThisFileDirectory)", Path.GetDirectoryName(gate) + "/", StringComparison.Ordinal));
            yield return (Path.GetRelativePath(root, gate), Path.GetRelativePath(root, full));
        }
    }

    // The nanoFramework class libraries: the firmware's and the portable test cases (the device application, the
    // boot loader and the on-device test runner are not libraries).
    private static IEnumerable<string> Libraries()
    {
        foreach (string top in new[] { "firmware", "drivers", "tests" })
        {
            foreach (string nfproj in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, top), "*.nfproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (XDocument.Load(nfproj).Descendants().Any(e => e.Name.LocalName == "OutputType" && e.Value == "Library"))
                {
                    yield return nfproj;
                }
            }
        }
    }

    private static string AssemblyName(string project) =>
        XDocument.Load(project).Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value
        ?? Path.GetFileNameWithoutExtension(project);

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, e.Attribute("Include")!.Value.Replace('\\', '/'))));

    private static HashSet<string> GateClosure(string gate)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(ProjectReferences(Path.Combine(RepoPaths.Root, gate)));
        while (todo.Count > 0)
        {
            string p = todo.Pop();
            if (p.EndsWith(".Nano.csproj", StringComparison.Ordinal) && seen.Add(AssemblyName(p)))
            {
                foreach (string next in ProjectReferences(p))
                {
                    todo.Push(next);
                }
            }
        }

        return seen;
    }

    private static List<string> SourceFiles(string dir) =>
        Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(Path.GetFullPath)
            .ToList();
}
