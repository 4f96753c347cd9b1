using CsCheck;
using Terminal.Core.Payments;
using Terminal.Core.Payments.Store;
using Terminal.Core.Tests.Payments;
using Terminal.Core.Util;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Firmware;
using Terminal.Hal;
using Xunit;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Tests.Firmware;

/// <summary>
/// The device provisioning package as the firmware takes it at boot: checked strictly, applied (profile and e-invoice page
/// journaled, invoice key stored, the package consumed) or refused with the reason and nothing changed, again after a
/// power cut at any step, and never thrown on or half-applied whatever its bytes.
/// </summary>
public sealed class ProvisioningPackageTests
{
    private const string Mid = "123456789012345";
    private const string Tid = "87654321";
    private const string Name = "北京东方大酒店";
    private const string Url = "https://fp.dongfang.example.cn/claim";
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
    private static readonly byte[] FactoryKey = Enumerable.Repeat((byte)0x5A, 32).ToArray();

    /// <summary>A drop in memory: what the board's file would do, observed.</summary>
    private sealed class MemoryDrop(byte[]? bytes) : IProvisioningDrop
    {
        public byte[]? Bytes { get; private set; } = bytes;

        public bool CutAtConsume { get; set; }

        public int Size() => Bytes?.Length ?? -1;

        public bool Read(byte[] buffer, int count)
        {
            Bytes.AsSpan(0, count).CopyTo(buffer);
            return true;
        }

        public void Consume()
        {
            Array.Clear(Bytes!);
            if (CutAtConsume)
            {
                Array.Fill(Bytes!, (byte)0xEE, Bytes!.Length / 2, Bytes.Length - (Bytes.Length / 2)); // half wiped
                throw new PowerLossException("wipe");
            }

            Bytes = null;
        }
    }

    /// <summary>A key store whose next store is cut by a power loss.</summary>
    private sealed class CuttableKeys : IKeyStore
    {
        public MemoryKeyStore Inner { get; } = new();

        public bool CutNextStore { get; set; }

        public int Load(int slot, byte[] dest, int offset) => Inner.Load(slot, dest, offset);

        public void Store(int slot, byte[] key, int offset, int length)
        {
            if (CutNextStore)
            {
                CutNextStore = false;
                throw new PowerLossException("key store");
            }

            Inner.Store(slot, key, offset, length);
        }

        public void Erase(int slot) => Inner.Erase(slot);
    }

    private sealed class Rig
    {
        public Rig(bool provisioned = true)
        {
            Keys.Inner.Store(KeySlot.InvoiceKey, FactoryKey, 0, FactoryKey.Length);
            Boot();
            if (provisioned)
            {
                Assert.True(Store.Provision(Tid, Mid));
            }
        }

        public SimulatedFlash Flash { get; } = new(9, 4096, 64);

        public CuttableKeys Keys { get; } = new();

        public PaymentStore Store { get; private set; } = null!;

        public PaymentStore Boot()
        {
            var journal = new JournalLog(Flash, 1, 8, 1024);
            journal.Mount();
            Store = new PaymentStore(journal, new GlyphSupplement(MerchantProfile.MaxGlyphs));
            Store.Load();
            return Store;
        }

        public PackageOutcome Take(MemoryDrop drop, out string reason) => ProvisioningPackage.Take(drop, Store, Keys, out reason);

        public string InvoiceKey()
        {
            var key = new byte[64];
            int n = Keys.Load(KeySlot.InvoiceKey, key, 0);
            return Convert.ToHexString(key, 0, n);
        }

        public string State() => $"{MerchantProfileTests.Show(Store.Profile)} key {InvoiceKey()} seq {Store.Journal.NextSequence}";
    }

    private static ProfileRecord Profile(string name = Name, string url = Url, int glyphs = -1)
    {
        var r = new ProfileRecord { Name = name, Hotline = "400-820-8820", Contact = "王经理", InvoiceUrl = url };
        string chars = glyphs < 0 ? name + "王经理" : new string(Enumerable.Range(0, glyphs).Select(i => (char)(0x4E00 + i)).ToArray());
        foreach (char c in chars.Distinct())
        {
            r.Glyphs.Add(c, 0xB000 + (c & 0xFFF), Enumerable.Range(0, 32).Select(i => (byte)(c * (i + 1))).ToArray(), 0);
        }

        return r;
    }

    private static byte[] Package(ProfileRecord? profile = null, byte[]? key = null, string mid = Mid, string tid = Tid)
    {
        key ??= Key;
        return ProvisioningPackage.Encode(mid, tid, profile ?? Profile(), key, 0, key.Length);
    }

    // The CRC made again after a change inside the package, so that the change itself is what is checked.
    private static byte[] Resealed(byte[] b)
    {
        BigEndian.Put32(b, b.Length - 4, Crc32.Compute(b, 0, b.Length - 4));
        return b;
    }

    // Where the glyph count byte is: after the header, identity, profile length, and the name, hotline, contact.
    private static int GlyphCountAt(byte[] b)
    {
        int p = 7 + 23 + 2;
        for (int i = 0; i < 3; i++)
        {
            p += 1 + b[p];
        }

        return p;
    }

    [Fact]
    public void A_good_package_journals_the_profile_and_page_stores_the_key_and_is_consumed()
    {
        var rig = new Rig();
        var drop = new MemoryDrop(Package());
        byte[] seen = drop.Bytes!;

        Assert.Equal(PackageOutcome.Applied, rig.Take(drop, out string reason));

        Assert.Equal(string.Empty, reason);
        Assert.Null(drop.Bytes);
        Assert.All(seen, b => Assert.Equal(0, b)); // wiped before it was deleted
        Assert.Equal(Name, rig.Store.Profile.Name);
        Assert.Equal("400-820-8820", rig.Store.Profile.Hotline);
        Assert.Equal("王经理", rig.Store.Profile.Contact);
        Assert.Equal(Url, rig.Store.Profile.InvoiceUrl);
        Assert.Equal(Convert.ToHexString(Key), rig.InvoiceKey());
        string applied = MerchantProfileTests.Show(rig.Store.Profile);
        Assert.Equal(applied, MerchantProfileTests.Show(rig.Boot().Profile)); // the page outlives the file
        Assert.Equal(MerchantProfileTests.Show(Stored(Profile())), applied);
    }

    private static MerchantProfile Stored(ProfileRecord r)
    {
        var profile = new MerchantProfile(new GlyphSupplement(MerchantProfile.MaxGlyphs));
        profile.Set(r.Name, r.Hotline, r.Contact, r.InvoiceUrl, r.Glyphs);
        return profile;
    }

    [Fact]
    public void A_hotline_keyed_later_keeps_the_packages_page()
    {
        var rig = new Rig();
        Assert.Equal(PackageOutcome.Applied, rig.Take(new MemoryDrop(Package()), out _));

        Assert.True(rig.Store.SetHotline("95516"), rig.Store.Problem);

        PaymentStore booted = rig.Boot();
        Assert.Equal("95516", booted.Profile.Hotline);
        Assert.Equal(Url, booted.Profile.InvoiceUrl);
        Assert.Equal(Name, booted.Profile.Name);
    }

    [Fact]
    public void No_package_changes_nothing()
    {
        var rig = new Rig();
        string before = rig.State();

        Assert.Equal(PackageOutcome.None, ProvisioningPackage.Take(null, rig.Store, rig.Keys, out _));
        Assert.Equal(PackageOutcome.None, rig.Take(new MemoryDrop(null), out _));
        Assert.Equal(before, rig.State());
    }

    public static TheoryData<string, Func<byte[]>, string> Refusals() => new()
    {
        { "truncated", () => Package()[..^9], "truncated: " },
        { "too short for a header", () => Package()[..6], "truncated: 6 bytes" },
        { "a byte after its end", () => [.. Package(), 0], "1 bytes after its end" },
        { "CRC", () => { byte[] b = Package(); b[40] ^= 1; return b; }, "CRC mismatch" },
        { "version", () => { byte[] b = Package(); b[4] = 2; return Resealed(b); }, "version 2, this firmware reads 1" },
        { "not a package", () => { byte[] b = Package(); b[0] = (byte)'X'; return b; }, "not a provisioning package" },
        { "oversize", () => new byte[ProvisioningPackage.MaxBytes + 1], "oversize: " },
        { "glyph count over the most", () => { byte[] b = Package(); b[GlyphCountAt(b)] = 25 | ProfileRecord.UrlFollows; return Resealed(b); }, "glyph count 25, more than 24" },
        { "glyph count over the bytes", () => { byte[] b = Package(Profile(glyphs: 2)); b[GlyphCountAt(b)] = 5 | ProfileRecord.UrlFollows; return Resealed(b); }, "glyph count 5, but room for 3" },
        { "a URL not https", () => Package(Profile(url: "http://fp.example.cn/claim")), "invoice URL: must be https://host/..." },
        { "a URL with a query", () => Package(Profile(url: "https://fp.example.cn/claim?m=1")), "invoice URL: character at 28 not allowed (no query, fragment or spaces)" },
        { "no URL", () => Package(Profile(url: string.Empty)), "invoice URL: missing" },
        { "a short key", () => Package(key: new byte[15]), "invoice key: 15 bytes, not 16 to 64" },
        { "a long key", () => Package(key: new byte[65]), "invoice key: 65 bytes, not 16 to 64" },
        { "a name too long", () => Package(Profile(name: "ABCDEFGHIJKLMNOPQ", glyphs: 0)), "merchant name: at most 16 characters" },
        { "a MID not digits", () => Package(mid: "12345678901234X"), "merchant ID: not 15 digits" },
        { "another terminal", () => Package(tid: "11111111"), "for terminal 11111111 of merchant 123456789012345, not this one" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_bad_package_is_refused_with_its_reason_wiped_and_changes_nothing(string what, Func<byte[]> make, string expected)
    {
        var rig = new Rig();
        Assert.True(rig.Store.SetProfile("OLD NAME", "12345", string.Empty, null));
        string before = rig.State();
        byte[] package = make();
        var drop = new MemoryDrop(package);

        Assert.Equal(PackageOutcome.Refused, rig.Take(drop, out string reason));

        Assert.True(reason.StartsWith(expected, StringComparison.Ordinal), $"{what}: {reason}");
        Assert.Null(drop.Bytes);
        Assert.All(package, b => Assert.Equal(0, b)); // wiped before it was deleted: its key does not stay on the drive
        Assert.Equal(before, rig.State());
        rig.Boot();
        Assert.Equal(before, rig.State());
    }

    [Fact]
    public void A_journal_with_no_room_keeps_the_package_until_the_batch_is_settled()
    {
        var rig = new Rig();
        Assert.True(rig.Store.SetBatch(7));
        int sales = 0;
        TxnEntry? sale;
        while ((sale = rig.Store.Begin(StoreRig.SaleTemplate(100 + sales))) != null)
        {
            sales++;
            Assert.True(rig.Store.RecordOutcome(sale, true, "00", StoreRig.Rrn(sale.Stan), "A00001", 1125, 101501), rig.Store.Problem);
            Assert.True(rig.Store.RecordPrinted(sale, 1), rig.Store.Problem);
        }

        Assert.True(sales > 0);
        string before = rig.State();
        var drop = new MemoryDrop(Package());

        Assert.Equal(PackageOutcome.Deferred, rig.Take(drop, out string reason));
        Assert.False(string.IsNullOrEmpty(reason));
        Assert.NotNull(drop.Bytes); // still on the drive, for the boot after settlement
        Assert.Equal(before, rig.State());
        rig.Boot();
        Assert.Equal(PackageOutcome.Deferred, rig.Take(drop, out _));

        StoreRig.Settle(rig.Store);
        Assert.True(rig.Store.RecordSettlementPrinted(), rig.Store.Problem);
        rig.Boot();
        Assert.Equal(PackageOutcome.Applied, rig.Take(drop, out _));
        Assert.Null(drop.Bytes);
        Assert.Equal((Name, Url), (rig.Store.Profile.Name, rig.Store.Profile.InvoiceUrl));
        Assert.Equal(Convert.ToHexString(Key), rig.InvoiceKey());
    }

    [Fact]
    public void A_terminal_not_set_up_keeps_the_package_until_it_is()
    {
        var rig = new Rig(provisioned: false);
        var drop = new MemoryDrop(Package());
        string before = rig.State();

        Assert.Equal(PackageOutcome.WaitsForSetUp, rig.Take(drop, out _));
        Assert.NotNull(drop.Bytes);
        Assert.Equal(before, rig.State());

        Assert.True(rig.Store.Provision(Tid, Mid));
        Assert.Equal(PackageOutcome.Applied, rig.Take(drop, out _));
        Assert.Equal(Url, rig.Store.Profile.InvoiceUrl);
    }

    [Fact]
    public void What_a_wipe_cut_short_left_is_deleted_without_applying_it()
    {
        var rig = new Rig();
        byte[] leftover = Package();
        Array.Clear(leftover, 0, leftover.Length / 2);
        var drop = new MemoryDrop(leftover);
        string before = rig.State();

        Assert.Equal(PackageOutcome.None, rig.Take(drop, out _));
        Assert.Null(drop.Bytes);
        Assert.Equal(before, rig.State());
    }

    [Fact]
    public void A_power_cut_at_any_step_of_applying_leaves_a_package_that_the_next_boot_applies_to_the_same_end()
    {
        // The journal's flash operations of a clean apply, and the state it ends in.
        var clean = new Rig();
        long start = clean.Flash.Operations;
        Assert.Equal(PackageOutcome.Applied, clean.Take(new MemoryDrop(Package()), out _));
        long operations = clean.Flash.Operations - start;
        string applied = clean.State()[..clean.State().IndexOf(" seq ", StringComparison.Ordinal)];
        Assert.True(operations > 1);

        // A cut at each flash operation of the profile's record (0, 7 or all of its bytes landed), at the key store,
        // and in the middle of the wipe; then a boot, which takes what is left of the package.
        var cuts = new List<Action<Rig, MemoryDrop>>();
        foreach (int keep in new[] { 0, 7, 4096 })
        {
            for (long k = 0; k < operations; k++)
            {
                long at = k;
                cuts.Add((rig, _) => rig.Flash.CutPowerAt(at, keep));
            }
        }

        cuts.Add((rig, _) => rig.Keys.CutNextStore = true);
        cuts.Add((_, drop) => drop.CutAtConsume = true);
        foreach (var cut in cuts)
        {
            var rig = new Rig();
            var drop = new MemoryDrop(Package());
            cut(rig, drop);
            Assert.Throws<PowerLossException>(() => rig.Take(drop, out _));
            rig.Flash.CancelCut();
            drop.CutAtConsume = false;

            rig.Boot();
            PackageOutcome again = rig.Take(drop, out string reason);

            Assert.True(again is PackageOutcome.Applied or PackageOutcome.None, reason);
            Assert.Null(drop.Bytes);
                string state = rig.State();
            Assert.Equal(applied, state[..state.IndexOf(" seq ", StringComparison.Ordinal)]);
        }
    }

    [Fact]
    public void Any_bytes_are_parsed_without_throwing_and_either_applied_whole_or_not_at_all()
    {
        byte[] good = Package();
        Gen<byte[]> damaged = Gen.Select(Gen.Int[0, good.Length - 1].Array[1, 4], Gen.Byte.Array[4], Gen.Bool, (at, values, reseal) =>
        {
            byte[] b = (byte[])good.Clone();
            for (int i = 0; i < at.Length; i++)
            {
                b[at[i]] = values[i];
            }

            return reseal ? Resealed(b) : b;
        });
        Gen<byte[]> any = Gen.OneOf(Gen.Byte.Array[0, ProvisioningPackage.MaxBytes + 8], damaged, Gen.Int[0, good.Length].Select(n => good[..n]));

        any.Sample(bytes =>
        {
            var parser = new ProvisioningPackage();
            string problem = parser.Parse(bytes, bytes.Length);

            var rig = new Rig();
            string before = rig.State();
            var drop = new MemoryDrop((byte[])bytes.Clone());
            PackageOutcome outcome = rig.Take(drop, out string reason);
            if (outcome == PackageOutcome.Applied)
            {
                Assert.Equal(string.Empty, problem);
                Assert.Equal(parser.Profile.InvoiceUrl, rig.Store.Profile.InvoiceUrl);
                Assert.Equal(parser.Profile.Name, rig.Store.Profile.Name);
                Assert.Equal(parser.KeyLength * 2, rig.InvoiceKey().Length);
            }
            else
            {
                Assert.Equal(before, rig.State());
                Assert.True(outcome == PackageOutcome.None || reason.Length > 0);
            }
        }, iter: 2000);
    }
}
