using System.Text.RegularExpressions;
using System.Xml.Linq;
using Terminal.PortableTests;
using Xunit;

namespace Terminal.PortableTests.Host;

/// <summary>
/// Static checks of tests/Terminal.DeviceTests, which this machine cannot build or run (its packages are
/// nanoFramework assemblies): the files parse, versions are pinned, and the device compiles exactly the
/// portable cases and sources the PC runs.
/// </summary>
public partial class DeviceProjectTests
{
    private static readonly string Root = FindRoot();
    private static readonly string DeviceDir = Path.Combine(Root, "tests", "Terminal.DeviceTests");
    private static readonly XNamespace Msb = "http://schemas.microsoft.com/developer/msbuild/2003";

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Terminal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Terminal.sln not found above " + AppContext.BaseDirectory);
    }

    private static XDocument Load(string name) => XDocument.Load(Path.Combine(DeviceDir, name));

    private static Dictionary<string, string> Packages() =>
        Load("packages.config").Root!.Elements("package").ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!);

    [Fact]
    public void Packages_pin_CoreLibrary_1_17_11_and_a_release_of_the_TestFramework()
    {
        Dictionary<string, string> packages = Packages();

        Assert.Equal("1.17.11", packages["nanoFramework.CoreLibrary"]);
        Assert.True(Version.TryParse(packages["nanoFramework.TestFramework"], out Version? framework), "TestFramework version is not a release version");
        Assert.Equal(3, framework!.Major); // 3.x pairs with CoreLibrary 1.x; 4.x previews target CoreLibrary 2.0 previews
    }

    [Fact]
    public void The_CoreLibrary_version_is_the_one_the_portability_gate_compiles_against()
    {
        string central = File.ReadAllText(Path.Combine(Root, "Directory.Packages.props"));
        XElement core = XDocument.Parse(central).Descendants("PackageVersion").Single(p => (string)p.Attribute("Include")! == "nanoFramework.CoreLibrary");

        Assert.Equal(Packages()["nanoFramework.CoreLibrary"], (string)core.Attribute("Version")!);
    }

    [Fact]
    public void Every_reference_hint_path_names_the_package_version_of_packages_config()
    {
        Dictionary<string, string> packages = Packages();
        List<string> hints = Load("Terminal.DeviceTests.nfproj").Descendants(Msb + "HintPath").Select(h => h.Value).ToList();

        Assert.Equal(3, hints.Count);
        Assert.All(hints, hint =>
        {
            Match m = PackageFolder().Match(hint);
            Assert.True(m.Success, hint);
            Assert.Equal(packages[m.Groups["id"].Value], m.Groups["version"].Value);
        });
        Assert.Contains(hints, h => h.EndsWith(@"\lib\nanoFramework.TestFramework.dll", StringComparison.Ordinal));
        Assert.Contains(hints, h => h.EndsWith(@"\lib\nanoFramework.UnitTestLauncher.exe", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nano.runsettings", "False")]
    [InlineData("hardware.runsettings", "True")]
    public void Runsettings_choose_the_virtual_device_or_real_hardware(string file, string isRealHardware)
    {
        XElement adapter = Load(file).Root!.Element("nanoFrameworkAdapter")!;

        Assert.Equal(isRealHardware, adapter.Element("IsRealHardware")!.Value);
    }

    [Fact]
    public void The_device_project_is_a_unit_test_project_defaulting_to_the_virtual_device()
    {
        XDocument project = Load("Terminal.DeviceTests.nfproj");

        Assert.Equal("UnitTest", project.Descendants(Msb + "TestProjectType").Single().Value);
        Assert.Contains(project.Descendants(Msb + "ProjectCapability"), c => (string)c.Attribute("Include")! == "TestContainer");
        Assert.EndsWith("nano.runsettings", project.Descendants(Msb + "RunSettingsFilePath").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_portable_test_cases_are_a_nanoFramework_library_of_every_case_the_PC_runs()
    {
        XDocument cases = XDocument.Load(Path.Combine(Root, "tests/Terminal.PortableTests/Terminal.PortableTests.nfproj"));

        Assert.Equal("Library", cases.Descendants(Msb + "OutputType").Single().Value);
        XElement compile = Assert.Single(cases.Descendants(Msb + "Compile"));
        Assert.Equal(@"**\*.cs", (string)compile.Attribute("Include")!);
        Assert.NotEmpty(SourceFiles(Path.Combine(Root, "tests/Terminal.PortableTests")));
    }

    [Fact]
    public void The_device_tests_reference_the_cases_and_the_firmware_libraries_rather_than_compiling_their_sources()
    {
        XDocument project = Load("Terminal.DeviceTests.nfproj");
        var referenced = project.Descendants(Msb + "ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(DeviceDir, ((string)r.Attribute("Include")!).Replace('\\', '/'))))
            .ToHashSet(StringComparer.Ordinal);
        var casesReference = XDocument.Load(Path.Combine(Root, "tests/Terminal.PortableTests/Terminal.PortableTests.nfproj"))
            .Descendants(Msb + "ProjectReference")
            .Select(r => Path.GetFullPath(Path.Combine(Root, "tests/Terminal.PortableTests", ((string)r.Attribute("Include")!).Replace('\\', '/'))));

        Assert.Contains(Path.Combine(Root, "tests/Terminal.PortableTests/Terminal.PortableTests.nfproj"), referenced);
        Assert.All(casesReference, r => Assert.Contains(r, referenced));
        Assert.All(referenced, r => Assert.True(File.Exists(r), r + " does not exist"));
        Assert.All(CompiledFiles(), f => Assert.StartsWith(DeviceDir, f, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_registered_suite_has_a_device_test_method()
    {
        string source = File.ReadAllText(Path.Combine(DeviceDir, "PortableSuiteTests.cs"));
        List<string> run = RunSuiteCall().Matches(source).Select(m => m.Groups["name"].Value).ToList();

        Assert.Equal(PortableTestRegistry.SuiteNames.OrderBy(n => n, StringComparer.Ordinal), run.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(run.Count, TestMethodAttribute().Matches(source).Count);
    }

    private static HashSet<string> CompiledFiles()
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (XElement compile in Load("Terminal.DeviceTests.nfproj").Descendants(Msb + "Compile"))
        {
            string include = ((string)compile.Attribute("Include")!).Replace('\\', '/');
            int wildcard = include.IndexOf("**", StringComparison.Ordinal);
            if (wildcard < 0)
            {
                string file = Path.GetFullPath(Path.Combine(DeviceDir, include));
                Assert.True(File.Exists(file), include + " does not exist");
                files.Add(file);
                continue;
            }

            Assert.Equal("**/*.cs", include[wildcard..]);
            List<string> matched = SourceFiles(Path.GetFullPath(Path.Combine(DeviceDir, include[..wildcard])));
            Assert.NotEmpty(matched);
            files.UnionWith(matched);
        }

        return files;
    }

    // Every .cs file under the folder but bin/ and obj/ (what the wildcard includes with their excludes compile).
    private static List<string> SourceFiles(string folder)
    {
        string bin = Path.Combine(folder, "bin") + Path.DirectorySeparatorChar;
        string obj = Path.Combine(folder, "obj") + Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Select(Path.GetFullPath)
            .Where(f => !f.StartsWith(bin, StringComparison.Ordinal) && !f.StartsWith(obj, StringComparison.Ordinal))
            .ToList();
    }

    [GeneratedRegex(@"packages\\(?<id>[A-Za-z.]+?)\.(?<version>\d+\.\d+\.\d+)\\")]
    private static partial Regex PackageFolder();

    [GeneratedRegex(@"RunSuite\(""(?<name>\w+)""\)")]
    private static partial Regex RunSuiteCall();

    [GeneratedRegex(@"^\s*\[TestMethod\]\s*$", RegexOptions.Multiline)]
    private static partial Regex TestMethodAttribute();
}
