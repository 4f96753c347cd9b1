using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Terminal.NanoSurface;
using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>
/// The stubs of portability/NanoApi, which the device gates compile against, say what the real nanoFramework
/// libraries say (surface.txt, extracted from the libraries built from their sources), and code that calls them
/// with a wrong signature or namespace fails the gate build as it would fail against the real libraries.
/// </summary>
[Collection(NestedBuilds.Name)]
public sealed partial class StubSurfaceTests : IClassFixture<GateProbe>
{
    private static readonly string NanoApi = Path.Combine(RepoPaths.Root, "portability", "NanoApi");
    private static readonly string Surface = Path.Combine(NanoApi, "surface.txt");

    private readonly GateProbe _probe;

    public StubSurfaceTests(GateProbe probe) => _probe = probe;

    // The projects' names, which are their assemblies' names.
    private static List<string> StubNames() => Directory.EnumerateDirectories(NanoApi)
        .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
        .Select(Path.GetFileName)
        .Select(n => n!)
        .Order(StringComparer.Ordinal)
        .ToList();

    // The stub assemblies as this configuration built them (the test project references every stub project).
    private static List<string> StubAssemblies()
    {
        string configuration = typeof(StubSurfaceTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return StubNames().Select(n => Path.Combine(NanoApi, n, "bin", configuration, "netstandard2.0", n + ".dll")).ToList();
    }

    [Fact]
    public void Every_stub_assembly_matches_the_surface_of_the_real_libraries()
    {
        List<string> stubs = StubAssemblies();

        Assert.True(stubs.Count >= 12, "stub assemblies: " + string.Join(", ", stubs));
        Assert.All(stubs, s => Assert.True(File.Exists(s), s + " was not built"));
        IReadOnlyList<string> problems = SurfaceCheck.Verify(stubs, Manifest.Load(Surface));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_changed_parameter_type_in_the_surface_makes_verify_name_the_member()
    {
        IReadOnlyList<string> problems = VerifyAgainstTampered(
            "System.IO.Ports System.IO.Ports.SerialPort :: ctor .ctor(string portName, int baudRate = 9600,",
            "int baudRate", "uint baudRate");

        string problem = Assert.Single(problems);
        Assert.Contains("stub has \"System.IO.Ports System.IO.Ports.SerialPort :: ctor .ctor(string portName, int baudRate = 9600", problem, StringComparison.Ordinal);
        Assert.Contains("real: \"System.IO.Ports System.IO.Ports.SerialPort :: ctor .ctor(string portName, uint baudRate = 9600", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_library_version_in_the_surface_makes_verify_fail()
    {
        IReadOnlyList<string> problems = VerifyAgainstTampered("System.Device.Gpio = 1.1.57.0", "1.1.57.0", "1.1.58.0");

        Assert.Equal("mismatch: stub has \"System.Device.Gpio = 1.1.57.0\"; real: \"System.Device.Gpio = 1.1.58.0\"", Assert.Single(problems));
    }

    [Fact]
    public void A_member_the_real_library_lacks_makes_verify_fail()
    {
        // As if nanoFramework's SerialPort had Flush() rather than Close(): the stub's Close is then unknown.
        IReadOnlyList<string> problems = VerifyAgainstTampered("System.IO.Ports System.IO.Ports.SerialPort :: method Close() : void [public]", "Close()", "Flush()");

        Assert.Equal(
            "mismatch: stub has \"System.IO.Ports System.IO.Ports.SerialPort :: method Close() : void [public]\"; the real library has no method Close there",
            Assert.Single(problems));
    }

    [Fact]
    public void Each_stub_has_the_version_of_its_package_in_the_device_projects_packages_config()
    {
        var packages = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string config in new[] { "firmware/Terminal.Device/packages.config", "firmware/Terminal.Boot/packages.config", "tests/Terminal.DeviceTests/packages.config" })
        {
            foreach (XElement package in XDocument.Load(Path.Combine(RepoPaths.Root, config)).Root!.Elements("package"))
            {
                string id = (string)package.Attribute("id")!;
                string version = (string)package.Attribute("version")!;
                Assert.True(packages.TryAdd(id, version) || packages[id] == version, $"{id} has two versions ({config})");
            }
        }

        foreach (string name in StubNames())
        {
            XDocument project = XDocument.Load(Path.Combine(NanoApi, name, name + ".csproj"));
            string id = project.Descendants("NanoPackageId").Single().Value;
            string version = project.Descendants("Version").Single().Value;
            Assert.True(packages.ContainsKey(id), $"{name}: no packages.config lists {id}");
            Assert.Equal((id, packages[id]), (id, version));
        }
    }

    public static TheoryData<string, string, string> WrongCalls => new()
    {
        { "SerialPortBaudRateAsText", "var port = new System.IO.Ports.SerialPort(\"COM1\", \"9600\");", "CS1503" },
        { "GpioWriteArgumentsSwapped", "new System.Device.Gpio.GpioController().Write(System.Device.Gpio.PinValue.High, 5);", "CS1503" },
        { "WifiHelperInTheWrongNamespace", "System.Device.Wifi.WifiNetworkHelper.SetupNetworkHelper(false);", "CS0234" },
        { "SocketDisposeIsExplicit", "NewSocket().Dispose(); } static System.Net.Sockets.Socket NewSocket() { return new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);", "CS1061" },
    };

    [Theory]
    [MemberData(nameof(WrongCalls))]
    public void A_call_the_real_library_would_refuse_fails_the_gate_build(string name, string statement, string expectedError)
    {
        var (exit, output) = _probe.BuildAll("WrongCalls", WrongCalls, "System.IO.Ports", "System.Device.Gpio", "System.Device.Wifi", "System.Net");

        Assert.NotEqual(0, exit);
        Assert.Contains(expectedError, ErrorsOf(output, name), StringComparer.Ordinal);
        Assert.NotNull(statement);
    }

    [Fact]
    public void The_same_calls_with_the_real_signatures_build_through_the_gate()
    {
        var (exit, output) = _probe.Build("RightCalls", """
            namespace Probe
            {
                public static class RightCalls
                {
                    public static void Use()
                    {
                        var port = new System.IO.Ports.SerialPort("COM1", 9600);
                        new System.Device.Gpio.GpioController().Write(5, System.Device.Gpio.PinValue.High);
                        nanoFramework.Networking.WifiNetworkHelper.SetupNetworkHelper(false);
                        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                        socket.Close();
                        port.Dispose();
                    }
                }
            }
            """, "System.IO.Ports", "System.Device.Gpio", "System.Device.Wifi", "System.Net");

        Assert.True(exit == 0, output);
    }

    // Verifies the stubs against a copy of surface.txt with one line changed (the line must exist).
    private static IReadOnlyList<string> VerifyAgainstTampered(string lineStart, string from, string to)
    {
        List<string> lines = File.ReadAllLines(Surface).ToList();
        int index = lines.FindIndex(l => l.StartsWith(lineStart, StringComparison.Ordinal));
        Assert.True(index >= 0, "surface.txt has no line starting " + lineStart);
        Assert.Contains(from, lines[index], StringComparison.Ordinal);
        lines[index] = lines[index].Replace(from, to, StringComparison.Ordinal);
        string path = Path.Combine(Path.GetTempPath(), "surface-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            File.WriteAllLines(path, lines);
            return SurfaceCheck.Verify(StubAssemblies(), Manifest.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> ErrorsOf(string output, string name) =>
        ErrorLine().Matches(output)
            .Where(m => m.Groups["file"].Value == name)
            .Select(m => m.Groups["code"].Value)
            .Distinct()
            .ToList();

    [GeneratedRegex(@"/(?<file>\w+)\.cs\(\d+,\d+\): error (?<code>\w+)")]
    private static partial Regex ErrorLine();
}
