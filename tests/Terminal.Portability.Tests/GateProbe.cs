using Xunit;

namespace Terminal.Portability.Tests;

/// <summary>
/// A throw-away project under portability/ that imports the gate's own Nano.props (so it also gets the
/// repository's Directory.Build.props and central package versions), compiling one probe file.
/// </summary>
public sealed class GateProbe : IDisposable
{
    private readonly string _dir;

    public GateProbe()
    {
        _dir = Path.Combine(RepoPaths.Root, "portability", ".probe-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
    }

    /// <summary>Builds <paramref name="source"/> alone through the gate, referencing the named stubs of portability/NanoApi.</summary>
    public (int ExitCode, string Output) Build(string name, string source, params string[] stubs)
    {
        string dir = Path.Combine(_dir, name);
        string src = Path.Combine(dir, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, name + ".cs"), source);
        WriteProbeProject(dir, name, stubs);
        return DotnetCli.Run(dir, "build", "--nologo", "-v", "q");
    }

    /// <summary>Builds <paramref name="source"/> alone through the gate with extra MSBuild arguments (a budget, say).</summary>
    public (int ExitCode, string Output) BuildWithArguments(string name, string source, params string[] arguments)
    {
        string dir = Path.Combine(_dir, name);
        string src = Path.Combine(dir, "src");
        Directory.CreateDirectory(src);
        File.WriteAllText(Path.Combine(src, name + ".cs"), source);
        WriteProbeProject(dir, name, []);
        return DotnetCli.Run(dir, ["build", "--nologo", "-v", "q", .. arguments]);
    }

    private readonly Dictionary<string, (int, string)> _builtSets = [];

    /// <summary>
    /// Builds one probe project with one file per snippet (each a static class named after it), once per
    /// set: the compiler reports every file's errors in one run. <paramref name="stubs"/> names stub
    /// assemblies of portability/NanoApi the probe references, as the device gates do.
    /// </summary>
    public (int ExitCode, string Output) BuildAll(string setName, TheoryData<string, string, string> snippets, params string[] stubs)
    {
        lock (_builtSets)
        {
            if (_builtSets.TryGetValue(setName, out var done))
            {
                return done;
            }

            string dir = Path.Combine(_dir, setName);
            string src = Path.Combine(dir, "src");
            Directory.CreateDirectory(src);
            foreach (var row in snippets)
            {
                string name = (string)row[0];
                File.WriteAllText(Path.Combine(src, name + ".cs"), "namespace Probe { public static class " + name + " { public static void Use() { " + row[1] + " } } }");
            }

            WriteProbeProject(dir, setName, stubs);
            var result = DotnetCli.Run(dir, "build", "--nologo", "-v", "q");
            _builtSets[setName] = result;
            return result;
        }
    }

    private static void WriteProbeProject(string dir, string name, params string[] stubs) =>
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <NanoSourceDir>$(MSBuildThisFileDirectory)src/</NanoSourceDir>
              </PropertyGroup>
              <Import Project="../../Nano.props" />
              <ItemGroup>
            {{string.Concat(stubs.Select(s => $"    <ProjectReference Include=\"../../NanoApi/{s}/{s}.csproj\" />\n"))}}  </ItemGroup>
            </Project>
            """);

    /// <summary>Builds a copy of the Terminal.Core.Runtime gate project with one extra source file added to its sources.</summary>
    public (int ExitCode, string Output) BuildCoreWith(string source)
    {
        string dir = Path.Combine(_dir, "CoreWithProbe");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "GateProbe.cs"), source);
        File.WriteAllText(Path.Combine(dir, "CoreWithProbe.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <NanoSourceDir>$(MSBuildThisFileDirectory)../../../firmware/Terminal.Core.Runtime/</NanoSourceDir>
                <AssemblyName>Terminal.Core.Runtime</AssemblyName>
              </PropertyGroup>
              <Import Project="../../Nano.props" />
              <ItemGroup>
                <Compile Include="GateProbe.cs" />
                <ProjectReference Include="../../Terminal.Hal.Nano/Terminal.Hal.Nano.csproj" />
                <ProjectReference Include="../../Terminal.Core.Util.Nano/Terminal.Core.Util.Nano.csproj" />
              </ItemGroup>
            </Project>
            """);
        return DotnetCli.Run(dir, "build", "--nologo", "-v", "q");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover probe folder is ignored by git and by the solution.
        }
    }
}
