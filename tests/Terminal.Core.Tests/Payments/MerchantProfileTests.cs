using Terminal.Core.Payments;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Tests.Payments;

/// <summary>
/// The merchant's profile (record 0x1C): a name in Chinese with its glyphs and GB18030 codes, the hotline and the
/// contact, journaled in one record, replayed at boot, restated at compaction, and refused when a value is bad.
/// </summary>
public class MerchantProfileTests
{
    private const string Name = "北京东方大酒店";

    // A flash with room for the profile's record: 8 sectors of 4 KB, records of up to 1 KB (the firmware's default).
    private sealed class Rig
    {
        public Rig()
        {
            Flash = new SimulatedFlash(9, 4096, 64);
            Store = Boot(Glyphs);
            Assert.True(Store.Provision("12345678", "123456789012345"));
        }

        public SimulatedFlash Flash { get; }

        public GlyphSupplement Glyphs { get; } = new(MerchantProfile.MaxGlyphs);

        public PaymentStore Store { get; private set; }

        public PaymentStore Boot(GlyphSupplement? glyphs = null)
        {
            var journal = new JournalLog(Flash, 1, 8, 1024);
            journal.Mount();
            var store = new PaymentStore(journal, glyphs);
            store.Load();
            Store = store;
            return store;
        }
    }

    // Distinct glyphs for each character of the text (a pattern from its code), with a code as GB18030 would give.
    private static GlyphSupplement GlyphsOf(string text)
    {
        var glyphs = new GlyphSupplement(MerchantProfile.MaxGlyphs);
        foreach (char c in text.Distinct())
        {
            byte[] bitmap = Enumerable.Range(0, 32).Select(i => (byte)(c * (i + 1))).ToArray();
            glyphs.Add(c, 0xB000 + (c & 0xFFF), bitmap, 0);
        }

        return glyphs;
    }

    // The profile as text: name, hotline, contact, e-invoice page, each glyph with its code and bitmap.
    internal static string Show(MerchantProfile p)
    {
        var glyph = new byte[32];
        string glyphs = string.Concat(Enumerable.Range(0, p.Glyphs.Count).Select(i =>
        {
            p.Glyphs.CopyGlyph(i, glyph, 0);
            return $" {p.Glyphs.CharAt(i)}/{p.Glyphs.CodeAt(i):X4}/{Convert.ToHexString(glyph)}";
        }));
        return $"{p.Name}|{p.Hotline}|{p.Contact}|{p.InvoiceUrl}|{glyphs}";
    }

    [Fact]
    public void A_chinese_name_with_its_glyphs_hotline_and_contact_replays_at_boot_into_the_boards_glyphs()
    {
        var rig = new Rig();
        Assert.True(rig.Store.SetProfile(Name, "400-820-8820", "王经理", GlyphsOf(Name + "王经理")), rig.Store.Problem);
        string stored = Show(rig.Store.Profile);

        var boardGlyphs = new GlyphSupplement(MerchantProfile.MaxGlyphs);
        PaymentStore booted = rig.Boot(boardGlyphs);

        Assert.Equal(stored, Show(booted.Profile));
        Assert.Equal(Name, booted.Profile.Name);
        Assert.Equal("400-820-8820", booted.Profile.Hotline);
        Assert.Equal("王经理", booted.Profile.Contact);
        Assert.Same(boardGlyphs, booted.Profile.Glyphs); // what the drivers read
        Assert.Equal(10, boardGlyphs.Count);
        Assert.Equal(0xB000 + ('京' & 0xFFF), boardGlyphs.Code('京'));
    }

    [Fact]
    public void A_new_hotline_keeps_the_name_and_its_glyphs()
    {
        var rig = new Rig();
        Assert.True(rig.Store.SetProfile(Name, "400-820-8820", string.Empty, GlyphsOf(Name)));
        string before = Show(rig.Store.Profile);

        Assert.True(rig.Store.SetHotline("95516"), rig.Store.Problem);

        Assert.Equal(before.Replace("400-820-8820", "95516", StringComparison.Ordinal), Show(rig.Boot().Profile));
    }

    [Fact]
    public void The_profile_survives_the_compaction_of_a_settlement()
    {
        var rig = new Rig();
        Assert.True(rig.Store.SetProfile(Name, "400-820-8820", "王经理", GlyphsOf(Name + "王经理")));
        string stored = Show(rig.Store.Profile);
        long firstSequence = FirstSequence(rig.Store.Journal);

        for (int i = 0; i < 3; i++)
        {
            Settle(rig.Store);
        }

        Assert.True(FirstSequence(rig.Store.Journal) > firstSequence, "the settlements should have reclaimed the journal");
        Assert.Equal(stored, Show(rig.Store.Profile));
        Assert.Equal(stored, Show(rig.Boot().Profile));
    }

    [Fact]
    public void A_power_cut_at_any_flash_operation_while_storing_a_profile_leaves_the_old_profile_or_the_new_one()
    {
        // Count the flash operations of storing the new profile, then cut at each with 0, 7 and all bytes landed.
        var counting = new Rig();
        Assert.True(counting.Store.SetProfile("OLD NAME", "12345", string.Empty, null));
        long start = counting.Flash.Operations;
        Assert.True(counting.Store.SetProfile(Name, "400-820-8820", "王经理", GlyphsOf(Name + "王经理")));
        long operations = counting.Flash.Operations - start;
        string newProfile = Show(counting.Store.Profile);
        Assert.True(operations > 1, "one record of several pages");

        int outcomes = 0;
        foreach (int keep in new[] { 0, 7, 4096 })
        {
            for (long k = 0; k < operations; k++)
            {
                var rig = new Rig();
                Assert.True(rig.Store.SetProfile("OLD NAME", "12345", string.Empty, null));
                string oldProfile = Show(rig.Store.Profile);
                rig.Flash.CutPowerAt(k, keep);
                Assert.Throws<PowerLossException>(() => rig.Store.SetProfile(Name, "400-820-8820", "王经理", GlyphsOf(Name + "王经理")));
                rig.Flash.CancelCut();

                string booted = Show(rig.Boot().Profile);
                Assert.True(booted == oldProfile || booted == newProfile, $"cut at operation {k} keeping {keep} bytes: {booted}");
                outcomes |= booted == oldProfile ? 1 : 2;
            }
        }

        Assert.Equal(1, outcomes & 1); // a cut before the record's end leaves the old one
    }

    [Theory]
    [InlineData("北京东方大酒店北京东方大酒店北京东", "400", "", "merchant name: at most 16 characters")]
    [InlineData("BELL \u0007", "400", "", "merchant name: control character at 6")]
    [InlineData("TWO\nLINES", "400", "", "merchant name: control character at 4")]
    [InlineData("CAF\u0085", "400", "", "merchant name: control character at 4")]
    [InlineData("EMOJI \uD83D\uDE00", "400", "", "merchant name: character at 7 is outside the Basic Multilingual Plane")]
    [InlineData("   ", "400", "", "merchant name: only spaces")]
    [InlineData("SHOP", "400-CALL-NOW", "", "hotline: only digits, '-', spaces and a leading '+'")]
    [InlineData("SHOP", "86+10", "", "hotline: only digits, '-', spaces and a leading '+'")]
    [InlineData("SHOP", "12", "", "hotline: at least 3 digits")]
    [InlineData("SHOP", "123456789012345678901", "", "hotline: at most 20 characters")]
    [InlineData("SHOP", "400", "王经理王经理王经理", "service contact: at most 8 characters")]
    [InlineData("SHOP", "400", "王\t经理", "service contact: control character at 2")]
    public void A_bad_value_is_refused_with_the_reason_and_nothing_is_journaled(string name, string hotline, string contact, string problem)
    {
        var rig = new Rig();
        long next = rig.Store.Journal.NextSequence;

        Assert.False(rig.Store.SetProfile(name, hotline, contact, null));

        Assert.Equal(problem, rig.Store.Problem);
        Assert.Equal(next, rig.Store.Journal.NextSequence);
        Assert.False(rig.Boot().Profile.IsSet);
    }

    [Fact]
    public void A_name_of_16_chinese_characters_is_taken_and_one_of_17_refused()
    {
        var rig = new Rig();
        Assert.True(rig.Store.SetProfile(new string('酒', 16), "400", string.Empty, null), rig.Store.Problem);
        Assert.False(rig.Store.SetProfile(new string('酒', 17), "400", string.Empty, null));
        Assert.Equal("merchant name: at most 16 characters", rig.Store.Problem);
        Assert.Equal(new string('酒', 16), rig.Boot().Profile.Name);
    }

    [Fact]
    public void A_profile_larger_than_the_journals_records_is_refused_not_cut()
    {
        var flash = new SimulatedFlash(9, 1024, 64);
        var journal = new JournalLog(flash, 1, 8, 256);
        journal.Mount();
        var store = new PaymentStore(journal);
        store.Load();

        Assert.False(store.SetProfile(Name, "400", "王经理", GlyphsOf(Name + "王经理")));

        Assert.StartsWith("merchant profile: ", store.Problem, StringComparison.Ordinal);
        Assert.EndsWith("bytes, more than a journal record holds", store.Problem, StringComparison.Ordinal);
    }

    private static long FirstSequence(JournalLog journal)
    {
        Terminal.Core.Journal.JournalCursor cursor = default;
        var buffer = new byte[journal.MaxPayload];
        Assert.True(journal.Next(ref cursor, buffer, out Terminal.Core.Journal.JournalEntry entry));
        return entry.Sequence;
    }

    private static void Settle(PaymentStore store) => StoreRig.Settle(store);
}
