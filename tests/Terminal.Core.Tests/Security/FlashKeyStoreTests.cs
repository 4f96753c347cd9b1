using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Security;

/// <summary>The device's key slots on flash: any length, power-cut safe, nothing left behind when a key goes.</summary>
public sealed class FlashKeyStoreTests
{
    private static readonly byte[] Tmk = Convert.FromHexString("70F2A84CCBC2AE8625CBB0F2C22AB923");
    private static readonly byte[] OldMak = Convert.FromHexString("1122334455667788AABBCCDDEEFF0011");
    private static readonly byte[] NewMak = Convert.FromHexString("99887766554433221100FFEEDDCCBBAA");
    private static readonly byte[] Registers = Enumerable.Range(0, 367).Select(i => (byte)(i * 7)).ToArray();

    private static byte[]? Load(IKeyStore keys, int slot)
    {
        var buffer = new byte[FlashKeyStore.MaxImage];
        int n = keys.Load(slot, buffer, 0);
        return n < 0 ? null : buffer[..n];
    }

    private static bool Contains(byte[] image, byte[] key) => image.AsSpan().IndexOf(key) >= 0;

    // Two devices' base MAC addresses: what the ESP32 board derives its wrap key from.
    private static readonly byte[] DeviceA = Convert.FromHexString("246F28A1B2C3");
    private static readonly byte[] DeviceB = Convert.FromHexString("246F28A1B2C4");

    private static FlashKeyStore Wrapping(IBlockStorage flash, byte[] deviceId)
    {
        var crypto = new HostCrypto();
        return new FlashKeyStore(flash, 0, crypto, FlashKeyStore.DeriveWrapKey(crypto, deviceId, 0, deviceId.Length));
    }

    [Fact]
    public void Keys_of_any_length_come_back_after_a_restart_and_an_erased_slot_is_empty()
    {
        var flash = new SimulatedFlash(4, 4096, 256);
        var keys = new FlashKeyStore(flash, 1);
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        keys.Store(KeySlot.DukptRegisters, Registers, 0, Registers.Length);
        keys.Store(KeySlot.Mak, OldMak, 0, OldMak.Length);
        keys.Store(KeySlot.Mak, NewMak, 0, NewMak.Length);
        keys.Erase(KeySlot.Tmk);

        var again = new FlashKeyStore(flash, 1);

        Assert.Null(Load(again, KeySlot.Tmk));
        Assert.Equal(NewMak, Load(again, KeySlot.Mak));
        Assert.Equal(Registers, Load(again, KeySlot.DukptRegisters));
        Assert.Null(Load(again, KeySlot.Pik));
        Assert.Equal(again.Used, keys.Used);
    }

    [Fact]
    public void A_replaced_or_erased_key_does_not_linger_anywhere_on_the_flash()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        var keys = new FlashKeyStore(flash, 0);
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        keys.Store(KeySlot.Mak, OldMak, 0, OldMak.Length);
        Assert.True(Contains(flash.Image(), OldMak));

        keys.Store(KeySlot.Mak, NewMak, 0, NewMak.Length);
        keys.Erase(KeySlot.Tmk);

        Assert.False(Contains(flash.Image(), OldMak));
        Assert.False(Contains(flash.Image(), Tmk));
        Assert.True(Contains(flash.Image(), NewMak));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(9, false)]
    [InlineData(300, false)]
    [InlineData(0, true)]
    [InlineData(9, true)]
    [InlineData(300, true)]
    public void A_power_cut_at_any_flash_operation_of_a_store_leaves_the_old_key_or_the_new_one_and_the_others_intact(int keepBytes, bool wrapped)
    {
        FlashKeyStore Open(SimulatedFlash f) => wrapped ? Wrapping(f, DeviceA) : new FlashKeyStore(f, 0);

        for (int cutAt = 0; ; cutAt++)
        {
            var flash = new SimulatedFlash(2, 4096, 256);
            var keys = Open(flash);
            keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
            keys.Store(KeySlot.DukptRegisters, Registers, 0, Registers.Length);
            keys.Store(KeySlot.Mak, OldMak, 0, OldMak.Length);
            flash.CutPowerAt(cutAt, keepBytes);
            bool cut = false;
            try
            {
                keys.Store(KeySlot.Mak, NewMak, 0, NewMak.Length);
            }
            catch (PowerLossException)
            {
                cut = true;
            }

            flash.CancelCut();
            var rebooted = Open(flash);
            byte[]? mak = Load(rebooted, KeySlot.Mak);
            Assert.True(mak != null && (mak.SequenceEqual(OldMak) || mak.SequenceEqual(NewMak)), $"cut at operation {cutAt}");
            Assert.Equal(Tmk, Load(rebooted, KeySlot.Tmk));
            Assert.Equal(Registers, Load(rebooted, KeySlot.DukptRegisters));
            if (!cut)
            {
                Assert.Equal(NewMak, mak);
                Assert.True(cutAt > 2, "a store takes at least an erase and a program");
                return;
            }
        }
    }

    [Fact]
    public void Damaged_or_foreign_flash_contents_give_an_empty_store_not_a_crash()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        var keys = new FlashKeyStore(flash, 0);
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        int sector = Contains(flash.Image()[..4096], Tmk) ? 0 : 1;
        flash.Corrupt((sector * 4096) + 20, 0x40);

        Assert.Null(Load(new FlashKeyStore(flash, 0), KeySlot.Tmk));

        var junk = new SimulatedFlash(2, 4096, 256);
        var random = new Random(7);
        var bytes = new byte[256];
        for (int p = 0; p < 2 * 4096; p += 256)
        {
            random.NextBytes(bytes);
            bytes[0] = (byte)'K';
            bytes[1] = (byte)'S';
            bytes[2] = 1;
            junk.Program(p, bytes, 0, 256);
        }

        Assert.Equal(0, new FlashKeyStore(junk, 0).Used);
    }

    [Fact]
    public void A_key_that_does_not_fit_is_refused_and_the_stored_ones_stay()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        var keys = new FlashKeyStore(flash, 0);
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);

        Assert.Throws<ArgumentOutOfRangeException>(() => keys.Store(KeySlot.Mak, new byte[FlashKeyStore.MaxImage], 0, FlashKeyStore.MaxImage));
        Assert.Equal(Tmk, Load(keys, KeySlot.Tmk));
        Assert.Equal(Tmk, Load(new FlashKeyStore(flash, 0), KeySlot.Tmk));
    }

    [Fact]
    public void Wrapped_keys_come_back_on_the_same_device_and_no_key_byte_run_is_on_the_flash()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        var keys = Wrapping(flash, DeviceA);
        Assert.True(keys.WrapsKeys);
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        keys.Store(KeySlot.DukptRegisters, Registers, 0, Registers.Length);
        keys.Store(KeySlot.Mak, NewMak, 0, NewMak.Length);

        var image = flash.Image();
        foreach (var key in new[] { Tmk, NewMak, Registers })
        {
            // Not the key, nor any 4-byte run of it: the slots are not in clear anywhere.
            for (int i = 0; i + 4 <= key.Length; i += 4)
            {
                Assert.False(Contains(image, key[i..(i + 4)]), $"run at {i} of a key is in clear on the flash");
            }
        }

        var again = Wrapping(flash, DeviceA);
        Assert.Equal(Tmk, Load(again, KeySlot.Tmk));
        Assert.Equal(NewMak, Load(again, KeySlot.Mak));
        Assert.Equal(Registers, Load(again, KeySlot.DukptRegisters));
    }

    [Fact]
    public void The_flash_of_one_device_moved_to_another_or_read_without_the_key_gives_an_empty_store()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        Wrapping(flash, DeviceA).Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);

        Assert.Equal(0, Wrapping(flash, DeviceB).Used);
        Assert.Null(Load(Wrapping(flash, DeviceB), KeySlot.Tmk));
        Assert.Equal(0, new FlashKeyStore(flash, 0).Used);
        Assert.Equal(Tmk, Load(Wrapping(flash, DeviceA), KeySlot.Tmk));
    }

    [Fact]
    public void The_same_key_stored_twice_is_written_differently_each_time()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        var keys = Wrapping(flash, DeviceA);
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        byte[] first = flash.Image();
        keys.Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        byte[] second = flash.Image();

        // Each image has its own sequence and so its own keystream: equal keys do not give equal bytes.
        byte[] a = first[..4096].Any(b => b != 0xFF) ? first[10..42] : first[4106..4138];
        byte[] b = second[..4096].Any(x => x != 0xFF) ? second[10..42] : second[4106..4138];
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void A_clear_store_of_an_older_terminal_is_read_and_wrapped_at_the_next_change()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        new FlashKeyStore(flash, 0).Store(KeySlot.Tmk, Tmk, 0, Tmk.Length);
        Assert.True(Contains(flash.Image(), Tmk));

        var keys = Wrapping(flash, DeviceA);
        Assert.Equal(Tmk, Load(keys, KeySlot.Tmk));
        keys.Store(KeySlot.Mak, NewMak, 0, NewMak.Length);

        Assert.False(Contains(flash.Image(), Tmk));
        Assert.False(Contains(flash.Image(), NewMak));
        Assert.Equal(Tmk, Load(Wrapping(flash, DeviceA), KeySlot.Tmk));
        Assert.Equal(NewMak, Load(Wrapping(flash, DeviceA), KeySlot.Mak));
    }

    [Fact]
    public void A_wrap_key_of_the_wrong_length_or_without_crypto_is_refused()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        Assert.Throws<ArgumentException>(() => new FlashKeyStore(flash, 0, new HostCrypto(), new byte[8]));
        Assert.Throws<ArgumentException>(() => new FlashKeyStore(flash, 0, null, new byte[16]));
        Assert.NotEqual(
            FlashKeyStore.DeriveWrapKey(new HostCrypto(), DeviceA, 0, 6),
            FlashKeyStore.DeriveWrapKey(new HostCrypto(), DeviceB, 0, 6));
    }

    [Fact]
    public void A_stored_key_longer_than_the_callers_buffer_is_not_loaded_and_the_buffer_is_untouched()
    {
        var flash = new SimulatedFlash(2, 4096, 256);
        var keys = new FlashKeyStore(flash, 0);
        keys.Store(KeySlot.Tmk, Registers, 0, Registers.Length); // a flash whose TMK slot claims 367 bytes
        var again = new FlashKeyStore(flash, 0);
        var tmk = new byte[16];

        Assert.Equal(-1, again.Load(KeySlot.Tmk, tmk, 0));
        Assert.Equal(new byte[16], tmk);
        Assert.Equal(-1, again.Load(KeySlot.Tmk, new byte[400], 40));
        Assert.Equal(367, again.Load(KeySlot.Tmk, new byte[400], 33));
    }
}
