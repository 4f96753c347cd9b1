using CsCheck;
using Terminal.Core.Update;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Update;

/// <summary>
/// The device's update region is three files (boot control and staging, slot A, slot B) joined into one address space:
/// whatever is erased, programmed and read through the join must read as it would on one flash of the same size.
/// </summary>
public sealed class SpannedBlockStorageTests
{
    private const int Sector = 256;
    private const int Page = 64;

    // An operation: 0 erase a sector, 1 program bytes within a page, 2 read a span (possibly over a join).
    private static readonly Gen<(int Kind, int Where, int Count, byte Fill)> Operation =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, int.MaxValue], Gen.Int[1, 3 * Sector], Gen.Byte);

    [Fact]
    public void Erases_programs_and_reads_through_the_join_match_one_flash_of_the_same_size()
    {
        Gen.Select(Gen.Int[1, 4].Array[1, 5], Operation.Array[1, 60]).Sample(t =>
        {
            var (sizes, operations) = t;
            var parts = new IBlockStorage[sizes.Length];
            int total = 0;
            for (int i = 0; i < sizes.Length; i++)
            {
                parts[i] = new SimulatedFlash(sizes[i], Sector, Page);
                total += sizes[i];
            }

            var spanned = new SpannedBlockStorage(parts);
            var single = new SimulatedFlash(total, Sector, Page);
            Assert.Equal(total, spanned.SectorCount);
            int bytes = total * Sector;
            foreach (var (kind, where, count, fill) in operations)
            {
                switch (kind)
                {
                    case 0:
                        spanned.EraseSector(where % total);
                        single.EraseSector(where % total);
                        break;
                    case 1:
                        int at = where % bytes;
                        int n = Math.Min(count, Page - (at % Page));
                        byte[] data = Enumerable.Range(0, n).Select(i => (byte)(fill ^ (i * 37))).ToArray();
                        spanned.Program(at, data, 0, n);
                        single.Program(at, data, 0, n);
                        break;
                    default:
                        int from = where % bytes;
                        int length = Math.Min(count, bytes - from);
                        var a = new byte[length + 2];
                        var b = new byte[length + 2];
                        spanned.Read(from, a, 1, length);
                        single.Read(from, b, 1, length);
                        Assert.Equal(b, a);
                        break;
                }
            }

            var whole = new byte[bytes];
            spanned.Read(0, whole, 0, bytes);
            Assert.Equal(single.Image(), whole);
        });
    }

    [Fact]
    public void Each_part_holds_its_own_sectors()
    {
        var control = new SimulatedFlash(3, Sector, Page);
        var slotA = new SimulatedFlash(4, Sector, Page);
        var slotB = new SimulatedFlash(4, Sector, Page);
        var spanned = new SpannedBlockStorage([control, slotA, slotB]);

        spanned.Program((3 * Sector) + 5, [0x12], 0, 1);    // the first byte-5 of slot A
        spanned.Program((7 * Sector) - 1, [0x34], 0, 1);    // the last byte of slot A
        spanned.Program(7 * Sector, [0x56], 0, 1);          // the first byte of slot B

        Assert.Equal(0x12, slotA.Image()[5]);
        Assert.Equal(0x34, slotA.Image()[(4 * Sector) - 1]);
        Assert.Equal(0x56, slotB.Image()[0]);
        Assert.All(control.Image(), b => Assert.Equal(0xFF, b));

        spanned.EraseSector(7);
        Assert.Equal(0xFF, slotB.Image()[0]);
        Assert.Equal(0x34, slotA.Image()[(4 * Sector) - 1]);
    }

    [Fact]
    public void Parts_of_different_geometry_and_addresses_outside_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SpannedBlockStorage([new SimulatedFlash(2, 256, 64), new SimulatedFlash(2, 512, 64)]));
        Assert.Throws<ArgumentException>(() => new SpannedBlockStorage([new SimulatedFlash(2, 256, 64), new SimulatedFlash(2, 256, 128)]));
        Assert.Throws<ArgumentException>(() => new SpannedBlockStorage([]));

        var spanned = new SpannedBlockStorage([new SimulatedFlash(1, Sector, Page), new SimulatedFlash(1, Sector, Page)]);
        Assert.Throws<ArgumentOutOfRangeException>(() => spanned.EraseSector(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => spanned.EraseSector(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => spanned.Read((2 * Sector) - 1, new byte[2], 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => spanned.Read(-1, new byte[1], 0, 1));
    }

    [Fact]
    public void A_signed_image_installs_boots_and_verifies_over_three_files()
    {
        using var f = new UpdateFixture();
        var control = new SimulatedFlash(FirmwareRegion.ControlFileSectors, 4096, 256);
        var slotA = new SimulatedFlash(UpdateFixture.SlotSectors, 4096, 256);
        var slotB = new SimulatedFlash(UpdateFixture.SlotSectors, 4096, 256);
        var slots = new UpdateSlots(new SpannedBlockStorage([control, slotA, slotB]), 0, UpdateFixture.SlotSectors);
        var bootControl = new BootControl(slots);
        var manager = new BootManager(slots, bootControl, f.Crypto, f.Keys);

        byte[] factory = f.Image(FirmwareImage.Version(1, 0, 0));
        slots.EraseSlot(0);
        slots.Write(0, 0, factory, 0, factory.Length);
        BootDecision first = manager.Boot();
        Assert.Equal(0, first.Slot);

        byte[] update = f.Image(FirmwareImage.Version(1, 1, 0), payloadLength: 9000);
        var installer = new UpdateInstaller(slots, bootControl, f.Crypto, f.Keys);
        Assert.Equal(ImageCheck.Valid, UpdateFixture.Install(installer, first, update));
        BootDecision trial = new BootManager(slots, new BootControl(slots), f.Crypto, f.Keys).Boot();

        Assert.Equal((1, FirmwareImage.Version(1, 1, 0)), (trial.Slot, trial.Version));
        Assert.Equal(update, slotB.Image().AsSpan(0, update.Length).ToArray());   // slot B's file holds the new image
        Assert.Equal(factory, slotA.Image().AsSpan(0, factory.Length).ToArray()); // slot A's the old one
    }
}
