using Terminal.Core.Security;
using Terminal.Drivers.Simulated.Crypto;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Hal;
using Xunit;

namespace Terminal.Core.Tests.Security;

/// <summary>The PIN as keyed on the terminal: stars, CLEAR, CANCEL, ENTER, 4..12 digits, sealed into an encrypted block.</summary>
public class PinEntryTests
{
    private static readonly byte[] Pan = "4012345678909"u8.ToArray();

    private static PinEntry Keyed(string digits)
    {
        var entry = new PinEntry();
        foreach (char c in digits)
        {
            Assert.Equal(PinEntryResult.Changed, entry.Key(KeyCode.Digit0 + (c - '0')));
        }

        return entry;
    }

    private static (MemoryKeyStore Keys, byte[] Pik) WithPik()
    {
        var keys = new MemoryKeyStore();
        byte[] pik = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        keys.Store(KeySlot.Pik, pik, 0, 16);
        return (keys, pik);
    }

    [Fact]
    public void Digits_show_as_stars_only()
    {
        var entry = Keyed("1234");

        Assert.Equal("****", entry.Masked);
        Assert.Equal(4, entry.Length);
    }

    [Fact]
    public void Enter_with_fewer_than_four_digits_is_refused_and_the_digits_kept()
    {
        var entry = Keyed("123");

        Assert.Equal(PinEntryResult.Refused, entry.Key(KeyCode.Enter));
        Assert.Equal(3, entry.Length);
    }

    [Fact]
    public void A_thirteenth_digit_is_refused_and_twelve_are_accepted()
    {
        var entry = Keyed("123456789012");

        Assert.Equal(PinEntryResult.Refused, entry.Key(KeyCode.Digit0 + 5));
        Assert.Equal(12, entry.Length);
        Assert.Equal(PinEntryResult.Confirmed, entry.Key(KeyCode.Enter));
    }

    [Fact]
    public void Clear_empties_the_entry_and_cancel_abandons_it()
    {
        var entry = Keyed("1234");
        Assert.Equal(PinEntryResult.Changed, entry.Key(KeyCode.Clear));
        Assert.Equal(0, entry.Length);

        entry = Keyed("99");
        Assert.Equal(PinEntryResult.Cancelled, entry.Key(KeyCode.Cancel));
        Assert.Equal(0, entry.Length);
    }

    [Fact]
    public void Other_keys_are_refused()
    {
        var entry = Keyed("12");

        Assert.Equal(PinEntryResult.Refused, entry.Key(KeyCode.Menu));
        Assert.Equal(PinEntryResult.Refused, entry.Key(KeyCode.Dot));
        Assert.Equal(2, entry.Length);
    }

    [Fact]
    public void Sealing_under_the_pik_gives_the_format_0_block_encrypted_by_tdes_and_wipes_the_pin()
    {
        var (keys, pik) = WithPik();
        var crypto = new HostCrypto();
        var entry = Keyed("1234");
        byte[] epb = new byte[8];

        Assert.Equal(0, entry.Seal(Pan, 0, Pan.Length, new PikCipher(keys, crypto), epb, 0, new byte[10], 0));

        byte[] clear = new byte[8];
        crypto.DesBlock(false, pik, 0, 16, epb, 0, clear, 0);
        Assert.Equal("041274EDCBA9876F", Convert.ToHexString(clear));
        Assert.Equal(0, entry.Length);
        Assert.Equal(-1, entry.Seal(Pan, 0, Pan.Length, new PikCipher(keys, crypto), epb, 0, new byte[10], 0));
    }

    [Fact]
    public void Sealing_without_a_pik_fails_and_still_wipes_the_pin()
    {
        var entry = Keyed("1234");
        var cipher = new PikCipher(new MemoryKeyStore(), new HostCrypto());

        Assert.False(cipher.HasKey);
        Assert.Equal(-1, entry.Seal(Pan, 0, Pan.Length, cipher, new byte[8], 0, new byte[10], 0));
        Assert.Equal(0, entry.Length);
    }

    [Fact]
    public void Sealing_by_dukpt_gives_the_published_first_block_and_ksn_and_saves_the_next_state()
    {
        var keys = new MemoryKeyStore();
        var cipher = new DukptCipher(keys, new HostCrypto());
        cipher.Inject(Convert.FromHexString("6AC292FAA1315B4D858AB3A3D7D5933A"), 0, Convert.FromHexString("FFFF9876543210E00000"), 0);
        byte[] epb = new byte[8];
        byte[] ksn = new byte[10];

        Assert.Equal(10, Keyed("1234").Seal(Pan, 0, Pan.Length, cipher, epb, 0, ksn, 0));
        Assert.Equal("1B9C1845EB993A7A", Convert.ToHexString(epb));
        Assert.Equal("FFFF9876543210E00001", Convert.ToHexString(ksn));

        Assert.Equal(10, Keyed("1234").Seal(Pan, 0, Pan.Length, cipher, epb, 0, ksn, 0));
        Assert.Equal("10A01C8D02C69107", Convert.ToHexString(epb));
        Assert.Equal("FFFF9876543210E00002", Convert.ToHexString(ksn));
    }
}
