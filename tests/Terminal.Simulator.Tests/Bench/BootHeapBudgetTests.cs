using Terminal.Core.Ui;
using Terminal.Simulator.Bench;
using Xunit;

namespace Terminal.Simulator.Tests.Bench;

/// <summary>
/// The boot heap (docs/boot-heap.md): what the firmware's static constructors and static fields take from
/// nanoFramework's managed heap before the terminal does anything, under the bench's model of that heap.
/// </summary>
public sealed class BootHeapBudgetTests
{
    private static readonly BootHeapReport Report = BootHeapBench.Measure();

    [Fact]
    public void The_firmware_boot_heap_stays_within_32_KB()
    {
        Assert.True(Report.WithinBudget, $"the boot heap is {Report.Total} bytes, over the {BootHeapBench.Budget}-byte budget; largest: "
            + string.Join(", ", Report.Types.Take(5).Select(t => $"{t.Type} {t.Total}")));
    }

    [Fact]
    public void The_portable_assemblies_are_measured_and_the_simulator_side_is_not()
    {
        Assert.Contains("Terminal.Hal", Report.Assemblies);
        Assert.Contains("Terminal.Drivers", Report.Assemblies);
        Assert.Contains(Report.Assemblies, a => a.StartsWith("Terminal.Core", StringComparison.Ordinal));
        Assert.DoesNotContain(Report.Assemblies, a => a == "Terminal.Simulator" || a.EndsWith(".Simulated", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Terminal.Core", true)]
    [InlineData("Terminal.Core.Update", true)]
    [InlineData("Terminal.Drivers", true)]
    [InlineData("Terminal.Simulator", false)]
    [InlineData("Terminal.Drivers.Simulated", false)]
    [InlineData("Terminal.Core.Tests", false)]
    [InlineData("AcquirerHost", false)]
    public void An_assembly_counts_as_firmware_by_its_name(string name, bool firmware)
    {
        Assert.Equal(firmware, BootHeapBench.IsFirmwareAssembly(name));
    }

    [Theory]
    [InlineData(0, 1, 24)]       // the 20-byte header alone, in two heap blocks
    [InlineData(16, 1, 36)]      // byte[16]: 20 + 16
    [InlineData(256, 4, 1044)]   // uint[256]: 20 + 1024, a multiple of 12 already
    [InlineData(512, 2, 1044)]   // char[512]
    [InlineData(10, 12, 144)]    // string[10]: a heap block per reference, 20 + 120 rounded up to 144
    public void An_array_is_a_20_byte_header_and_its_elements_in_12_byte_blocks(int length, int elementSize, int bytes)
    {
        Assert.Equal(bytes, BootHeapBench.ArrayBytes(length, elementSize));
    }

    [Fact]
    public void The_crc_table_costs_its_static_field_and_its_uint_array()
    {
        BootHeapType crc = Report.Types.Single(t => t.Type == "Terminal.Core.Util.Crc32");

        Assert.Equal((1, 1044, 0, 1056), (crc.StaticFields, crc.ArrayBytes, crc.Strings, crc.Total));
    }

    [Fact]
    public void The_text_table_costs_a_string_object_per_text_and_a_reference_per_row()
    {
        BootHeapType texts = Report.Types.Single(t => t.Type == "Terminal.Core.Ui.Texts");

        Assert.Equal(Texts.TableLength, texts.Strings);
        Assert.Equal(BootHeapBench.ArrayBytes(Texts.TableLength, 12) + BootHeapBench.ArrayBytes(512, 2), texts.ArrayBytes);
        Assert.Equal(12, texts.ObjectBytes); // the Format lock: a bare object
    }

    [Theory]
    [InlineData("Terminal.Drivers.Display.Glyphs", 24)]          // the index string: its static field and its string object
    [InlineData("Terminal.Drivers.Printer.Gb18030Table", 48)]    // the characters and the codes
    public void The_display_font_and_the_gb18030_table_keep_only_their_index_strings_in_the_heap(string type, int bytes)
    {
        BootHeapType table = Report.Types.Single(t => t.Type == type);

        Assert.Equal((bytes, 0), (table.Total, table.ArrayBytes));
    }

    [Fact]
    public void No_array_in_a_static_constructor_has_a_length_the_model_cannot_see()
    {
        Assert.All(Report.Types, t => Assert.Equal(0, t.UnknownArrays));
    }
}
