using System.Xml.Linq;
using Xunit;

namespace Terminal.Boards.Tests;

// firmware/Terminal.Boot (the boot loader) is built by the nanoFramework toolchain like Terminal.Device. Its
// portable loader is compiled against nanoFramework's mscorlib by portability/Terminal.Boot.Nano and run on
// .NET by AppLoaderTests; these check the project files the toolchain reads.
public sealed class BootProjectTests
{
    private static readonly XNamespace MsBuild = "http://schemas.microsoft.com/developer/msbuild/2003";

    private static string BootDir => Path.Combine(RepoPaths.Root, "firmware", "Terminal.Boot");

    private static XDocument Project() => XDocument.Load(Path.Combine(BootDir, "Terminal.Boot.nfproj"));

    [Fact]
    public void The_boot_loader_is_a_nanoframework_executable_of_its_own()
    {
        XDocument project = Project();
        string Property(string name) => project.Descendants(MsBuild + name).Single().Value;

        Assert.Equal(("Exe", "Terminal.Boot"), (Property("OutputType"), Property("AssemblyName")));
        Assert.Contains("{11A8DD76-328B-46DF-9F39-F559912D0360}", Property("ProjectTypeGuids"), StringComparison.Ordinal);
        Assert.DoesNotContain("Terminal.Boot.nfproj", File.ReadAllText(Path.Combine(RepoPaths.Root, "Terminal.sln")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_the_boot_loader_compiles_exists_and_it_references_the_update_and_crypto_libraries()
    {
        var includes = Project().Descendants(MsBuild + "Compile").Select(c => (string)c.Attribute("Include")!).ToList();

        foreach (string include in includes)
        {
            string relative = include.Replace('\\', Path.DirectorySeparatorChar).Replace("**" + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
            string dir = Path.GetFullPath(Path.Combine(BootDir, Path.GetDirectoryName(relative)!));
            Assert.True(Directory.EnumerateFiles(dir, Path.GetFileName(relative), SearchOption.AllDirectories).Any(), include + " matches no file");
        }

        Assert.Contains(@"..\Terminal.Device\Adapters\NanoBlockStorage.cs", includes);
        var references = Project().Descendants(MsBuild + "ProjectReference").Select(c => (string)c.Attribute("Include")!).ToList();
        Assert.Contains(@"..\Terminal.Core.Update\Terminal.Core.Update.nfproj", references);
        Assert.Contains(@"..\..\drivers\Terminal.Drivers.Crypto\Terminal.Drivers.Crypto.nfproj", references);
        Assert.All(references, r => Assert.True(File.Exists(Path.Combine(BootDir, r.Replace('\\', '/'))), r));
    }

    [Fact]
    public void Every_package_is_referenced_at_the_version_packages_config_restores()
    {
        var packages = XDocument.Load(Path.Combine(BootDir, "packages.config")).Root!.Elements("package")
            .Select(p => ((string)p.Attribute("id")!, (string)p.Attribute("version")!)).ToList();
        var hintPaths = Project().Descendants(MsBuild + "HintPath").Select(h => h.Value).ToList();

        Assert.Contains(("nanoFramework.CoreLibrary", "1.17.11"), packages);
        foreach (var (id, version) in packages)
        {
            Assert.Contains(hintPaths, h => h.StartsWith($@"..\packages\{id}.{version}\lib\", StringComparison.Ordinal));
        }

        Assert.Equal(packages.Count, hintPaths.Count);
    }
}
