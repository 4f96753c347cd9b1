using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;
using Xunit;

namespace Terminal.Core.Tests.Security;

/// <summary>The terminal's DUKPT future key registers against the ANSI X9.24-1:2009 Annex A vectors and the host-side derivation.</summary>
public class DukptRegistersTests
{
    private static readonly byte[] Bdk = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
    private static readonly byte[] InitialKsn = Convert.FromHexString("FFFF9876543210E00000");
    private static readonly byte[] Ipek = Convert.FromHexString("6AC292FAA1315B4D858AB3A3D7D5933A");

    private static byte[] ClearBlock()
    {
        byte[] block = new byte[8];
        PinBlock.Format0("1234"u8.ToArray(), 0, 4, "4012345678909"u8.ToArray(), 0, 13, block, 0);
        return block;
    }

    private static DukptRegisters Loaded(HostCrypto crypto)
    {
        var registers = new DukptRegisters(crypto);
        registers.LoadInitialKey(Ipek, 0, InitialKsn, 0);
        return registers;
    }

    // X9.24-1:2009 A.4 (PIN 1234, PAN 4012345678909): the encrypted PIN block of each of the first KSNs.
    [Fact]
    public void The_first_21_pin_blocks_and_ksns_match_the_published_sequence()
    {
        string[] expected =
        [
            "1B9C1845EB993A7A", "10A01C8D02C69107", "18DC07B94797B466", "0BC79509D5645DF7", "5BC0AF22AD87B327",
            "A16DF70AE36158D8", "27711C16CB257F8E", "50E55547A5027551", "536CF7F678ACFC8D", "EDABBA23221833FE",
            "2328981C57B4BDBA", "038D03CC926CF286", "6C8AA97088B62C68", "F17C9E1D72CD4950", "B170F6E7F7F2F64A",
            "D5D9638559EF53D6", "D544F8CDD292C863", "7A21BD10F36DC41D", "78649BD17D0DFA60", "7E7E16EA0C31AD56",
            "72105C22EBC791E6",
        ];
        var registers = Loaded(new HostCrypto());
        byte[] clear = ClearBlock();
        byte[] epb = new byte[8];
        byte[] ksn = new byte[10];

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(registers.EncryptPinBlock(clear, 0, epb, 0, ksn, 0));
            Assert.Equal("FFFF9876543210E000" + (i + 1).ToString("X2", System.Globalization.CultureInfo.InvariantCulture), Convert.ToHexString(ksn));
            Assert.Equal(expected[i], Convert.ToHexString(epb));
        }
    }

    [Theory]
    [InlineData("FFFF9876543210E10000", "19776D96D73AF1E2")]
    [InlineData("FFFF9876543210E80000", "1E0F453FD55FCE45")]
    [InlineData("FFFF9876543210EFF800", "33365F5CC6F23C35")]
    [InlineData("FFFF9876543210EFFC00", "DEFC6F09F8927B71")]
    [InlineData("FFFF9876543210F00000", "73EC88AD0AC5830E")]
    public void The_host_derivation_matches_the_published_blocks_for_far_counters(string ksnHex, string expected)
    {
        var crypto = new HostCrypto();
        byte[] ksn = Convert.FromHexString(ksnHex);
        byte[] ipek = new byte[16];
        byte[] key = new byte[16];
        var dukpt = new Dukpt(crypto);
        dukpt.InitialKey(Bdk, 0, ksn, 0, ipek, 0);
        dukpt.TransactionKey(ipek, 0, ksn, 0, key, 0);
        Dukpt.PinVariant(key, 0);
        byte[] epb = new byte[8];

        crypto.DesBlock(true, key, 0, 16, ClearBlock(), 0, epb, 0);

        Assert.Equal(expected, Convert.ToHexString(epb));
    }

    [Fact]
    public void Every_key_of_the_first_1100_transactions_equals_the_host_derivation_and_counters_with_more_than_ten_ones_are_skipped()
    {
        var crypto = new HostCrypto();
        var registers = Loaded(crypto);
        var host = new Dukpt(crypto);
        byte[] clear = ClearBlock();
        byte[] epb = new byte[8];
        byte[] ksn = new byte[10];
        byte[] key = new byte[16];
        byte[] expected = new byte[8];
        int previous = 0;

        for (int i = 0; i < 1100; i++)
        {
            Assert.True(registers.EncryptPinBlock(clear, 0, epb, 0, ksn, 0));
            int counter = ((ksn[7] & 0x1F) << 16) | (ksn[8] << 8) | ksn[9];
            Assert.True(counter > previous);
            Assert.True(System.Numerics.BitOperations.PopCount((uint)counter) <= 10, $"counter {counter:X} has more than ten 1 bits");
            for (int skipped = previous + 1; skipped < counter; skipped++)
            {
                Assert.True(System.Numerics.BitOperations.PopCount((uint)skipped) > 10, $"counter {skipped:X} was skipped but has at most ten 1 bits");
            }

            host.TransactionKey(Ipek, 0, ksn, 0, key, 0);
            Dukpt.PinVariant(key, 0);
            crypto.DesBlock(true, key, 0, 16, clear, 0, expected, 0);
            Assert.Equal(expected, epb);
            previous = counter;
        }

        // 0x3FF (ten 1 bits) is followed by 0x400; the run went past it.
        Assert.True(previous > 0x400);
    }

    [Fact]
    public void Neither_the_initial_key_nor_a_used_key_is_left_in_the_state()
    {
        var crypto = new HostCrypto();
        var registers = Loaded(crypto);
        byte[] state = new byte[DukptRegisters.StateLength];
        registers.Save(state, 0);
        Assert.Equal(-1, state.AsSpan().IndexOf(Ipek.AsSpan(0, 8)));
        Assert.Equal(-1, state.AsSpan().IndexOf(Ipek.AsSpan(8, 8)));

        byte[] firstKey = Convert.FromHexString("042666B49184CFA368DE9628D0397BC9");
        Assert.NotEqual(-1, state.AsSpan().IndexOf(firstKey.AsSpan(0, 8)));
        registers.EncryptPinBlock(ClearBlock(), 0, new byte[8], 0, new byte[10], 0);
        registers.Save(state, 0);

        Assert.Equal(-1, state.AsSpan().IndexOf(firstKey.AsSpan(0, 8)));
    }

    [Fact]
    public void A_saved_state_restored_elsewhere_continues_the_sequence()
    {
        var crypto = new HostCrypto();
        var first = Loaded(crypto);
        first.EncryptPinBlock(ClearBlock(), 0, new byte[8], 0, new byte[10], 0);
        byte[] state = new byte[DukptRegisters.StateLength];
        first.Save(state, 0);

        var second = new DukptRegisters(crypto);
        Assert.True(second.Restore(state, 0, state.Length));
        byte[] epb = new byte[8];
        byte[] ksn = new byte[10];
        Assert.True(second.EncryptPinBlock(ClearBlock(), 0, epb, 0, ksn, 0));

        Assert.Equal("FFFF9876543210E00002", Convert.ToHexString(ksn));
        Assert.Equal("10A01C8D02C69107", Convert.ToHexString(epb));
    }

    [Fact]
    public void An_erased_register_is_skipped_with_the_counters_that_need_it()
    {
        var crypto = new HostCrypto();
        var registers = Loaded(crypto);
        byte[] state = new byte[DukptRegisters.StateLength];
        registers.Save(state, 0);
        // Register 21 (counter bit 1) marked invalid: counter 1 cannot be used, so the next one is 2.
        state[10 + (20 * 17)] = 0;
        Assert.True(registers.Restore(state, 0, state.Length));
        byte[] epb = new byte[8];
        byte[] ksn = new byte[10];

        Assert.True(registers.EncryptPinBlock(ClearBlock(), 0, epb, 0, ksn, 0));

        Assert.Equal("FFFF9876543210E00002", Convert.ToHexString(ksn));
        Assert.Equal("10A01C8D02C69107", Convert.ToHexString(epb));
    }

    [Fact]
    public void Without_a_loaded_key_nothing_is_encrypted()
    {
        var registers = new DukptRegisters(new HostCrypto());
        byte[] epb = new byte[8];

        Assert.False(registers.Ready);
        Assert.False(registers.EncryptPinBlock(ClearBlock(), 0, epb, 0, new byte[10], 0));
        Assert.Equal(new byte[8], epb);
        Assert.False(registers.Restore(new byte[5], 0, 5));
    }
}
