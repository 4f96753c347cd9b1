using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Terminal.Hal;
using Xunit;

namespace Terminal.Boards.Tests;

// firmware/Terminal.Device is built by the nanoFramework toolchain, which is not available here, so these
// tests check what can be checked without it: the project and packages files, the sources the project
// names, and that the adapters match the Hal they claim to implement. The device code itself is compiled
// by the portability gate (portability/Terminal.Device.Nano, against the stubs of portability/NanoApi).
public partial class DeviceProjectTests
{
    private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    private static string NfProj => Path.Combine(RepoPaths.DeviceProject, "Terminal.Device.nfproj");

    private static string PackagesConfig => Path.Combine(RepoPaths.DeviceProject, "packages.config");

    [Fact]
    public void The_device_project_is_an_msbuild_nanoframework_executable()
    {
        XDocument project = XDocument.Load(NfProj);

        Assert.Equal(MsBuild + "Project", project.Root!.Name);
        Assert.Equal("Exe", Property(project, "OutputType"));
        Assert.Equal("Terminal.Device", Property(project, "AssemblyName"));
        Assert.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360}", Property(project, "ProjectTypeGuids"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"..\Terminal.Firmware\Terminal.Firmware.nfproj")]
    [InlineData(@"..\Terminal.Hal\Terminal.Hal.nfproj")]
    [InlineData(@"..\Terminal.Core.Cashier\Terminal.Core.Cashier.nfproj")]
    [InlineData(@"..\Terminal.Core.Payments\Terminal.Core.Payments.nfproj")]
    [InlineData(@"..\Terminal.Core.Receipts\Terminal.Core.Receipts.nfproj")]
    [InlineData(@"..\Terminal.Core.Engine\Terminal.Core.Engine.nfproj")]
    [InlineData(@"..\..\drivers\Terminal.Drivers\Terminal.Drivers.nfproj")]
    [InlineData(@"..\..\drivers\Terminal.Drivers.Crypto\Terminal.Drivers.Crypto.nfproj")]
    public void The_device_project_references_the_firmware_libraries(string include)
    {
        XDocument project = XDocument.Load(NfProj);

        Assert.Single(project.Descendants(MsBuild + "ProjectReference"), c => (string?)c.Attribute("Include") == include);
        Assert.True(File.Exists(Path.Combine(RepoPaths.DeviceProject, include.Replace('\\', '/'))), include);
        Assert.DoesNotContain(project.Descendants(MsBuild + "Compile"), c => ((string)c.Attribute("Include")!).StartsWith("..", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_file_the_device_project_compiles_exists()
    {
        XDocument project = XDocument.Load(NfProj);
        var own = project.Descendants(MsBuild + "Compile")
            .Select(c => (string)c.Attribute("Include")!)
            .Where(path => !path.StartsWith("..", StringComparison.Ordinal));

        foreach (string include in own)
        {
            string relative = include.Replace('\\', Path.DirectorySeparatorChar);
            string dir = Path.Combine(RepoPaths.DeviceProject, Path.GetDirectoryName(relative)!);
            string pattern = Path.GetFileName(relative);
            Assert.True(Directory.EnumerateFiles(dir, pattern).Any(), include + " matches no file");
        }
    }

    [Fact]
    public void Every_package_in_packages_config_has_an_id_and_a_release_version()
    {
        XDocument packages = XDocument.Load(PackagesConfig);
        var entries = packages.Root!.Elements("package").ToList();

        Assert.NotEmpty(entries);
        foreach (XElement package in entries)
        {
            string id = (string?)package.Attribute("id") ?? string.Empty;
            string version = (string?)package.Attribute("version") ?? string.Empty;
            Assert.StartsWith("nanoFramework.", id, StringComparison.Ordinal);
            Assert.Matches(ReleaseVersion(), version);
            Assert.Equal("netnano1.0", (string?)package.Attribute("targetFramework"));
        }
    }

    [Theory]
    [InlineData("nanoFramework.CoreLibrary")]
    [InlineData("nanoFramework.System.Device.Gpio")]
    [InlineData("nanoFramework.System.Device.Spi")]
    [InlineData("nanoFramework.System.IO.Ports")]
    [InlineData("nanoFramework.Json")]
    [InlineData("nanoFramework.System.Net")]
    [InlineData("nanoFramework.System.Device.Wifi")]
    [InlineData("nanoFramework.Hardware.Esp32")]
    [InlineData("nanoFramework.Runtime.Native")]
    [InlineData("nanoFramework.System.IO.FileSystem")]
    public void Packages_config_names_each_package_the_adapters_use(string id)
    {
        Assert.Contains(id, PackageVersions().Keys);
    }

    [Fact]
    public void The_device_uses_the_same_core_library_as_the_portability_gate()
    {
        string central = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Packages.props"));
        string gateVersion = GateCoreLibrary().Match(central).Groups[1].Value;

        Assert.Equal("1.17.11", PackageVersions()["nanoFramework.CoreLibrary"]);
        Assert.Equal(gateVersion, PackageVersions()["nanoFramework.CoreLibrary"]);
    }

    [Fact]
    public void Every_package_is_referenced_by_the_project_at_the_version_packages_config_restores()
    {
        XDocument project = XDocument.Load(NfProj);
        var hintPaths = project.Descendants(MsBuild + "HintPath").Select(h => h.Value).ToList();

        foreach (var (id, version) in PackageVersions())
        {
            Assert.Contains(hintPaths, h => h.StartsWith($@"..\packages\{id}.{version}\lib\", StringComparison.Ordinal));
        }

        Assert.Equal(PackageVersions().Count, hintPaths.Count);
    }

    [Fact]
    public void The_device_solution_holds_every_nanoFramework_project_and_deploys_the_application_only()
    {
        string solutionPath = Path.Combine(RepoPaths.Root, "firmware", "Terminal.Device.sln");
        string solution = File.ReadAllText(solutionPath);
        var listed = SolutionProject().Matches(solution)
            .Select(m => Path.GetFullPath(Path.Combine(RepoPaths.Root, "firmware", m.Groups["path"].Value.Replace('\\', '/'))))
            .ToHashSet(StringComparer.Ordinal);
        var projects = Directory.EnumerateFiles(RepoPaths.Root, "*.nfproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/.", StringComparison.Ordinal))
            .Select(Path.GetFullPath)
            .ToList();

        Assert.True(projects.Count >= 15, "nanoFramework projects found: " + projects.Count);
        Assert.Equal(projects.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        string device = Regex.Match(XDocument.Load(NfProj).Descendants(MsBuild + "ProjectGuid").Single().Value, "[0-9A-Fa-f-]{36}").Value.ToUpperInvariant();
        Assert.All(solution.Split('\n').Where(l => l.Contains(".Deploy.0", StringComparison.Ordinal)), l => Assert.Contains(device, l, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^Project\(""\{11A8DD76-328B-46DF-9F39-F559912D0360\}""\) = ""[^""]+"", ""(?<path>[^""]+\.nfproj)""", RegexOptions.Multiline)]
    private static partial Regex SolutionProject();

    [Fact]
    public void The_device_project_is_not_part_of_terminal_sln()
    {
        string solution = File.ReadAllText(Path.Combine(RepoPaths.Root, "Terminal.sln"));

        Assert.DoesNotContain("Terminal.Device.nfproj", solution, StringComparison.Ordinal);
    }

    public static TheoryData<string> AdapterFiles()
    {
        var files = new TheoryData<string>();
        foreach (string path in Directory.EnumerateFiles(Path.Combine(RepoPaths.DeviceProject, "Adapters"), "*.cs").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(path));
        }

        return files;
    }

    [Fact]
    public void There_is_an_adapter_for_each_bus_the_board_needs()
    {
        var claimed = Directory.EnumerateFiles(Path.Combine(RepoPaths.DeviceProject, "Adapters"), "*.cs")
            .SelectMany(f => ClaimedHalInterfaces(File.ReadAllText(f)))
            .ToHashSet();

        Assert.Superset(
            new HashSet<string> { "IGpioController", "ISpiDevice", "ISerialPort", "INetworkStream", "IBlockStorage", "IClock", "IRandomSource" },
            claimed);
    }

    [Theory]
    [MemberData(nameof(AdapterFiles))]
    public void Every_hal_interface_an_adapter_claims_exists_and_the_adapter_declares_its_members(string file)
    {
        string source = File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "Adapters", file));
        Assembly hal = typeof(IGpioController).Assembly;

        foreach (string name in ClaimedHalInterfaces(source))
        {
            Type? contract = hal.GetType("Terminal.Hal." + name);
            Assert.True(contract is { IsInterface: true }, $"{file}: Terminal.Hal has no interface {name}");
            foreach (string member in MemberNames(contract!))
            {
                Assert.True(
                    Regex.IsMatch(source, @"\bpublic\b[^;{=()]*\b" + Regex.Escape(member) + @"\b\s*(\(|\{|=>)"),
                    $"{file}: {name}.{member} is not declared public");
            }
        }
    }

    [Fact]
    public void The_device_board_model_has_a_property_for_every_field_of_every_board_file()
    {
        // Board/BoardFile.cs is what nanoFramework.Json fills (ThrowExceptionWhenPropertyNotFound is on), so a
        // board field with no property there would stop the device at boot.
        var classes = DeviceBoardClasses();
        foreach (string path in Directory.EnumerateFiles(RepoPaths.BoardConfigs, "*.json"))
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(path));
            AssertCovered(classes, "BoardFile", json.RootElement, Path.GetFileName(path));
        }
    }

    [Fact]
    public void The_file_deployment_sends_a_shipped_board_file_to_the_path_the_device_reads()
    {
        using JsonDocument deploy = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "deploy-board.json")));
        JsonElement file = Assert.Single(deploy.RootElement.GetProperty("Files").EnumerateArray());
        string reader = File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "Board", "BoardFileReader.cs"));

        string source = file.GetProperty("SourceFilePath").GetString()!;
        Assert.True(File.Exists(Path.Combine(RepoPaths.DeviceProject, source)), source);
        string destination = file.GetProperty("DestinationFilePath").GetString()!;
        Assert.Contains("\"" + destination.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"", reader, StringComparison.Ordinal);
    }

    [Fact]
    public void The_provisioning_deployment_sends_the_package_to_the_path_the_board_takes_it_from()
    {
        using JsonDocument deploy = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "deploy-provision.json")));
        JsonElement file = Assert.Single(deploy.RootElement.GetProperty("Files").EnumerateArray());
        string adapter = File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "Adapters", "ProvisionFile.cs"));
        string board = File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "Board", "Esp32Board.cs"));
        string readme = File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "README.md"));

        // The source is what `terminal provision --device-file provision.bin` writes beside it (never committed: it holds a key).
        string source = file.GetProperty("SourceFilePath").GetString()!;
        Assert.Equal("provision.bin", source);
        Assert.Contains("--device-file " + source, readme, StringComparison.Ordinal);
        string destination = file.GetProperty("DestinationFilePath").GetString()!;
        Assert.Contains("DefaultPath = \"" + destination.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"", adapter, StringComparison.Ordinal);
        Assert.Contains("ProvisioningDrop { get; } = new ProvisionFile(ProvisionFile.DefaultPath)", board, StringComparison.Ordinal);
        Assert.Contains("firmware/Terminal.Device/" + source, File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "..", "..", ".gitignore")), StringComparison.Ordinal);
    }

    private static void AssertCovered(Dictionary<string, Dictionary<string, string>> classes, string className, JsonElement obj, string where)
    {
        Assert.True(classes.ContainsKey(className), $"{where}: no device-side class {className}");
        Dictionary<string, string> properties = classes[className];
        foreach (JsonProperty field in obj.EnumerateObject())
        {
            string? type = properties.FirstOrDefault(p => string.Equals(p.Key, field.Name, StringComparison.OrdinalIgnoreCase)).Value;
            Assert.True(type != null, $"{where}: {className} has no property for '{field.Name}'");
            string element = type!.TrimEnd('?').Replace("[]", string.Empty, StringComparison.Ordinal);
            if (field.Value.ValueKind == JsonValueKind.Object)
            {
                AssertCovered(classes, element, field.Value, where + "." + field.Name);
            }
            else if (field.Value.ValueKind == JsonValueKind.Array && classes.ContainsKey(element))
            {
                foreach (JsonElement item in field.Value.EnumerateArray())
                {
                    AssertCovered(classes, element, item, where + "." + field.Name + "[]");
                }
            }
        }
    }

    private static Dictionary<string, Dictionary<string, string>> DeviceBoardClasses()
    {
        string source = File.ReadAllText(Path.Combine(RepoPaths.DeviceProject, "Board", "BoardFile.cs"));
        var classes = new Dictionary<string, Dictionary<string, string>>();
        foreach (Match declaration in ClassBody().Matches(source))
        {
            classes[declaration.Groups[1].Value] = SettableProperty().Matches(declaration.Groups[2].Value)
                .ToDictionary(p => p.Groups[2].Value, p => p.Groups[1].Value);
        }

        return classes;
    }

    private static IEnumerable<string> ClaimedHalInterfaces(string source)
    {
        foreach (Match declaration in ClassDeclaration().Matches(source))
        {
            foreach (string baseType in declaration.Groups[1].Value.Split(','))
            {
                string name = baseType.Trim();
                if (name.StartsWith("Hal.", StringComparison.Ordinal) || name.StartsWith("Terminal.Hal.", StringComparison.Ordinal))
                {
                    yield return name[(name.LastIndexOf('.') + 1)..];
                }
            }
        }
    }

    private static IEnumerable<string> MemberNames(Type contract)
    {
        return contract.GetInterfaces().Append(contract)
            .SelectMany(t => t.GetMembers())
            .Where(m => m is PropertyInfo || (m is MethodInfo method && !method.IsSpecialName))
            .Select(m => m.Name)
            .Distinct();
    }

    private static Dictionary<string, string> PackageVersions()
    {
        return XDocument.Load(PackagesConfig).Root!.Elements("package")
            .ToDictionary(p => (string)p.Attribute("id")!, p => (string)p.Attribute("version")!);
    }

    private static string Property(XDocument project, string name)
        => project.Descendants(MsBuild + name).Select(e => e.Value).First();

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex ReleaseVersion();

    [GeneratedRegex(@"PackageVersion Include=""nanoFramework\.CoreLibrary"" Version=""([^""]+)""")]
    private static partial Regex GateCoreLibrary();

    [GeneratedRegex(@"\bclass\s+\w+\s*:\s*([\w\s.,]+?)\s*(?:\{|\bwhere\b)")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"public sealed class (\w+)\s*\{(.*?)\n    \}", RegexOptions.Singleline)]
    private static partial Regex ClassBody();

    [GeneratedRegex(@"public ([\w\[\]?]+) (\w+) \{ get; set; \}")]
    private static partial Regex SettableProperty();
}
