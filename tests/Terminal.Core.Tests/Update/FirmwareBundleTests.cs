using CsCheck;
using Terminal.Core.Update;
using Xunit;

namespace Terminal.Core.Tests.Update;

/// <summary>The application bundle a device image carries: its assemblies in load order and the entry type.</summary>
public sealed class FirmwareBundleTests
{
    private static readonly byte[] Core = UpdateFixture.Payload(1500, 1);
    private static readonly byte[] App = UpdateFixture.Payload(2200, 2);

    // The factory image with this payload in slot A; returns the slots and the payload's length.
    private static (UpdateSlots Slots, int PayloadLength) InSlot(UpdateFixture f, byte[] payload)
    {
        f.Factory(UpdateFixture.Sign(payload, FirmwareImage.Version(1, 0, 0), f.Key));
        var slots = new UpdateSlots(f.Flash, 0, UpdateFixture.SlotSectors);
        return (slots, payload.Length);
    }

    [Fact]
    public void A_bundle_reads_back_its_entry_type_and_each_assembly_in_load_order()
    {
        using var f = new UpdateFixture();
        byte[] payload = FirmwareBundle.Build("Terminal.Device.Program", ["Terminal.Lib", "Terminal.Device"], [Core, App]);
        var (slots, length) = InSlot(f, payload);

        var bundle = new FirmwareBundle();
        Assert.True(bundle.Read(slots, 0, length), bundle.Problem);

        Assert.Equal(("Terminal.Device.Program", 2), (bundle.EntryType, bundle.Count));
        Assert.Equal(("Terminal.Lib", "Terminal.Device"), (bundle.Name(0), bundle.Name(1)));
        for (int i = 0; i < 2; i++)
        {
            var bytes = new byte[bundle.Length(i)];
            slots.Read(0, bundle.Offset(i), bytes, 0, bytes.Length);
            Assert.Equal(i == 0 ? Core : App, bytes);
        }
    }

    [Theory]
    [InlineData("magic", "no TPB1")]
    [InlineData("count0", "holds 0 assemblies")]
    [InlineData("long", "runs past the payload")]
    [InlineData("trailing", "bytes after the last assembly")]
    [InlineData("name", "cut short at assembly 1")]
    public void A_malformed_bundle_is_refused_with_the_reason(string damage, string reason)
    {
        using var f = new UpdateFixture();
        byte[] payload = FirmwareBundle.Build("E.P", ["A"], [Core]);
        switch (damage)
        {
            case "magic": payload[0] = (byte)'X'; break;
            case "count0": payload[8] = 0; break; // TPB1, 3 "E.P", count
            case "long": payload[11] = 0x7F; break; // the high byte of A's length
            case "trailing": payload = [.. payload, 0]; break;
            case "name": payload[10] = 0x01; break; // A's name becomes a control character
        }

        var (slots, length) = InSlot(f, payload);
        var bundle = new FirmwareBundle();

        Assert.False(bundle.Read(slots, 0, length));
        Assert.Contains(reason, bundle.Problem, StringComparison.Ordinal);
        Assert.Equal(0, bundle.Count);
    }

    [Fact]
    public void Whatever_the_slot_holds_reading_it_never_throws_and_never_points_outside_the_payload()
    {
        using var f = new UpdateFixture();
        var slots = new UpdateSlots(f.Flash, 0, UpdateFixture.SlotSectors);
        Gen.Byte.Array[0, 600].Sample(junk =>
        {
            byte[] payload = junk.Length > 6 && junk[0] % 2 == 0 ? [.. FirmwareBundle.Magic, .. junk] : junk;
            slots.EraseSlot(0);
            slots.Write(0, FirmwareImage.HeaderLength, payload, 0, payload.Length);
            var bundle = new FirmwareBundle();
            if (bundle.Read(slots, 0, payload.Length))
            {
                for (int i = 0; i < bundle.Count; i++)
                {
                    Assert.InRange(bundle.Offset(i), FirmwareImage.HeaderLength, FirmwareImage.HeaderLength + payload.Length - bundle.Length(i));
                }
            }
        }, iter: 300);
    }
}
