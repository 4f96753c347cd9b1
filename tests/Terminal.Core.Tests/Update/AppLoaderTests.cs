using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Terminal.Boot.Loader;
using Terminal.Core.Update;
using Xunit;

namespace Terminal.Core.Tests.Update;

/// <summary>
/// The boot loader's portable part on .NET: it loads the assemblies of the booted slot's bundle and finds the
/// entry point (on the device the same code runs on nanoFramework's Assembly.Load).
/// </summary>
public sealed class AppLoaderTests
{
    // A two-assembly application: a library, and the app whose Main records that it ran (with the library's answer).
    private static (byte[] Library, byte[] App) Compile(string tag)
    {
        var refs = new[] { typeof(object).Assembly.Location, Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll") }
            .Select(p => MetadataReference.CreateFromFile(p)).ToList();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        string libName = "BootLib" + tag;
        var lib = CSharpCompilation.Create(libName,
            [CSharpSyntaxTree.ParseText($"namespace Lib{tag} {{ public static class Answer {{ public static string Text() => \"{tag}\"; }} }}")], refs, options);
        byte[] libBytes = Emit(lib);
        var app = CSharpCompilation.Create("BootApp" + tag,
            [CSharpSyntaxTree.ParseText($"namespace App{tag} {{ public static class Program {{ public static void Main() => System.AppContext.SetData(\"boot-test\", \"started \" + Lib{tag}.Answer.Text()); }} }}")],
            [.. refs, lib.ToMetadataReference()], options);
        return (libBytes, Emit(app));
    }

    private static byte[] Emit(CSharpCompilation compilation)
    {
        using var ms = new MemoryStream();
        var result = compilation.Emit(ms);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return ms.ToArray();
    }

    [Fact]
    public void The_booted_slots_application_is_loaded_in_bundle_order_and_its_Main_runs()
    {
        using var f = new UpdateFixture();
        string tag = Guid.NewGuid().ToString("N")[..8];
        var (library, app) = Compile(tag);
        byte[] payload = FirmwareBundle.Build($"App{tag}.Program", [$"BootLib{tag}", $"BootApp{tag}"], [library, app]);
        BootDecision decision = f.Factory(UpdateFixture.Sign(payload, FirmwareImage.Version(1, 4, 0), f.Key));
        var loader = new AppLoader(new UpdateSlots(f.Flash, 0, UpdateFixture.SlotSectors));

        var main = loader.Load(decision);
        Assert.True(main != null, loader.Problem);
        // nanoFramework resolves a reference among the assemblies already loaded; .NET puts each byte-loaded
        // assembly in a context of its own, so the test resolves by name as the device runtime does.
        ResolveEventHandler resolve = (_, e) => AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.FullName == e.Name);
        AppDomain.CurrentDomain.AssemblyResolve += resolve;
        try
        {
            main.Invoke(null, null);
        }
        finally
        {
            AppDomain.CurrentDomain.AssemblyResolve -= resolve;
        }

        Assert.Equal("started " + tag, AppContext.GetData("boot-test"));
    }

    [Fact]
    public void No_valid_slot_a_payload_that_is_not_a_bundle_or_a_missing_entry_type_is_refused_with_the_reason()
    {
        using var f = new UpdateFixture();
        var slots = new UpdateSlots(f.Flash, 0, UpdateFixture.SlotSectors);
        var loader = new AppLoader(slots);
        Assert.Null(loader.Load(new BootDecision { Message = "No valid firmware image in either slot" }));
        Assert.Equal("No valid firmware image in either slot", loader.Problem);

        BootDecision plain = f.Factory(f.Image(FirmwareImage.Version(1, 0, 0)));
        Assert.Null(loader.Load(plain));
        Assert.Contains("not an application bundle", loader.Problem, StringComparison.Ordinal);

        using var g = new UpdateFixture();
        string tag = Guid.NewGuid().ToString("N")[..8];
        var (library, _) = Compile(tag);
        BootDecision wrongEntry = g.Factory(UpdateFixture.Sign(FirmwareBundle.Build("Nowhere.Program", [$"BootLib{tag}"], [library]), FirmwareImage.Version(1, 0, 0), g.Key));
        var loaderG = new AppLoader(new UpdateSlots(g.Flash, 0, UpdateFixture.SlotSectors));
        Assert.Null(loaderG.Load(wrongEntry));
        Assert.Equal("no type Nowhere.Program in the bundle", loaderG.Problem);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_boot_loaders_key_file_text_is_the_trust_root_and_a_malformed_one_trusts_nothing(bool wellFormed)
    {
        using var f = new UpdateFixture();
        var slots = new UpdateSlots(f.Flash, 0, UpdateFixture.SlotSectors);
        byte[] image = f.Image(FirmwareImage.Version(1, 0, 0));
        slots.EraseSlot(0);
        slots.Write(0, 0, image, 0, image.Length);
        string hex = Convert.ToHexString(UpdateFixture.PublicKey(f.Key)).ToLowerInvariant();
        if (!wellFormed)
        {
            hex = "x" + hex[1..];
        }

        var manager = new BootManager(slots, new BootControl(slots), f.Crypto, new TrustedKey(TrustedKey.FromHex(System.Text.Encoding.ASCII.GetBytes(hex))));
        BootDecision decision = manager.Boot();

        Assert.Equal(wellFormed ? 0 : -1, decision.Slot);
    }
}
