using Terminal.Drivers.Simulated.Storage;
using Terminal.Hal;
using Xunit;
using JournalStore = Terminal.Core.Journal.Journal;
using Terminal.Core.Journal;

namespace Terminal.Core.Tests.Journal;

public class JournalTests
{
    private static JournalStore Mount(SimulatedFlash flash)
    {
        var journal = new JournalStore(flash, firstSector: 1, sectorCount: 4, maxPayload: 200);
        journal.Mount();
        return journal;
    }

    private static List<(long Seq, int Type, string Text)> ReadAll(JournalStore journal)
    {
        var list = new List<(long, int, string)>();
        var cursor = default(JournalCursor);
        var buffer = new byte[256];
        while (journal.Next(ref cursor, buffer, out var e))
        {
            list.Add((e.Sequence, e.Type, System.Text.Encoding.ASCII.GetString(buffer, 0, e.Length)));
        }

        return list;
    }

    private static long Append(JournalStore journal, int type, string text)
    {
        byte[] b = System.Text.Encoding.ASCII.GetBytes(text);
        return journal.Append(type, b, 0, b.Length);
    }

    [Fact]
    public void Records_read_back_in_order_with_their_sequence_after_a_remount()
    {
        var flash = new SimulatedFlash(8, 1024, 64);
        var journal = Mount(flash);
        Append(journal, 1, "sale 1000");
        Append(journal, 2, "approved");

        var again = Mount(flash);

        Assert.Equal(new[] { (1L, 1, "sale 1000"), (2L, 2, "approved") }, ReadAll(again));
        Assert.Equal(3, again.NextSequence);
    }

    [Fact]
    public void Records_fill_one_sector_and_continue_in_the_next_across_page_boundaries()
    {
        var flash = new SimulatedFlash(8, 1024, 64);
        var journal = Mount(flash);
        var texts = Enumerable.Range(0, 30).Select(i => new string((char)('a' + (i % 26)), 50 + i)).ToList();
        foreach (var t in texts)
        {
            Assert.True(Append(journal, 7, t) > 0);
        }

        Assert.Equal(texts, ReadAll(Mount(flash)).Select(r => r.Text));
    }

    [Fact]
    public void A_record_torn_at_any_byte_is_discarded_and_everything_before_it_survives()
    {
        const string torn = "reversal pending: stan 000123 amount 000000012345";
        int cuts = 0;
        for (int op = 0; op < 3; op++)
        {
            for (int keep = 0; keep < 64; keep++)
            {
                var flash = new SimulatedFlash(8, 1024, 64);
                var journal = Mount(flash);
                Append(journal, 1, "first");
                Append(journal, 1, "second");

                // The record spans pages: the cut falls in its op-th program call, after keep bytes.
                flash.CutPowerAt(op, keep);
                try
                {
                    Append(journal, 1, torn);
                    continue;
                }
                catch (PowerLossException)
                {
                    cuts++;
                }

                var rebooted = Mount(flash);
                var records = ReadAll(rebooted);
                Assert.Equal(new[] { "first", "second" }, records.Take(2).Select(r => r.Text));
                Assert.True(records.Count == 2 || records[2].Text == torn, $"op {op} keep {keep}: a torn record must vanish, not come back damaged");
                long next = Append(rebooted, 1, "after reboot");
                Assert.True(next > records[^1].Seq);
                Assert.Equal("after reboot", ReadAll(Mount(flash))[^1].Text);
            }
        }

        Assert.True(cuts >= torn.Length + 12, "every byte of the record was a cut point");
    }

    [Fact]
    public void A_power_cut_at_every_flash_operation_loses_no_acknowledged_record_and_resurrects_no_reclaimed_one()
    {
        // Reference run: how many flash operations the scenario takes.
        var reference = new SimulatedFlash(8, 512, 64);
        RunScenario(Mount(reference), [], [], out _);
        long totalOps = reference.Operations;
        Assert.True(totalOps > 40);

        for (long cutAt = 0; cutAt < totalOps; cutAt++)
        {
            foreach (int keep in new[] { 0, 5, 13, 40 })
            {
                var flash = new SimulatedFlash(8, 512, 64);
                var journal = Mount(flash);
                long opsAfterMount = flash.Operations;
                flash.CutPowerAt(cutAt - opsAfterMount < 0 ? 0 : cutAt - opsAfterMount, keep);
                var acknowledged = new List<string>();
                var reclaimed = new List<string>();
                bool cut = false;
                try
                {
                    RunScenario(journal, acknowledged, reclaimed, out _);
                }
                catch (PowerLossException)
                {
                    cut = true;
                }

                var after = ReadAll(Mount(flash)).Select(r => r.Text).ToList();
                foreach (var text in acknowledged)
                {
                    Assert.Contains(text, after);
                }

                foreach (var text in reclaimed)
                {
                    Assert.DoesNotContain(text, after);
                }

                Assert.True(cut || after.SequenceEqual(acknowledged), $"cut at {cutAt}");
                Assert.Equal(after.Distinct().Count(), after.Count);
            }
        }
    }

    // Appends records of two "batches", reclaims the first once the second has started.
    private static void RunScenario(JournalStore journal, List<string> acknowledged, List<string> reclaimed, out long keepFrom)
    {
        keepFrom = 0;
        for (int i = 0; i < 12; i++)
        {
            string text = "batch1 txn " + i + new string('.', 40);
            if (journal.Append(3, System.Text.Encoding.ASCII.GetBytes(text), 0, text.Length) > 0)
            {
                acknowledged.Add(text);
            }
        }

        string settle = "batch2 opened";
        keepFrom = journal.Append(4, System.Text.Encoding.ASCII.GetBytes(settle), 0, settle.Length);
        acknowledged.Add(settle);
        var old = acknowledged.Where(t => t.StartsWith("batch1", StringComparison.Ordinal)).ToList();

        // While the reclaim runs its records may be there or not; once it returns they must never come back.
        acknowledged.RemoveAll(old.Contains);
        journal.Reclaim(keepFrom);
        reclaimed.AddRange(old);

        for (int i = 0; i < 6; i++)
        {
            string text = "batch2 txn " + i + new string('-', 30);
            if (journal.Append(3, System.Text.Encoding.ASCII.GetBytes(text), 0, text.Length) > 0)
            {
                acknowledged.Add(text);
            }
        }
    }

    [Fact]
    public void A_bit_flipped_inside_an_old_record_loses_that_record_only()
    {
        var flash = new SimulatedFlash(8, 1024, 64);
        var journal = Mount(flash);
        Append(journal, 1, "first");
        Append(journal, 1, "second, soon damaged");
        Append(journal, 1, "third");

        // Sector 1 holds the records after its 12-byte header; "first" is 5 + 12 bytes, then "second" starts.
        flash.Corrupt((1 * 1024) + 12 + 17 + 8 + 3, 0x04);
        var rebooted = Mount(flash);

        Assert.Equal(new[] { "first", "third" }, ReadAll(rebooted).Select(r => r.Text));
        Assert.Equal(1, rebooted.CorruptSkipped);
        Assert.True(Append(rebooted, 1, "fourth") > 0);
        Assert.Equal("fourth", ReadAll(Mount(flash))[^1].Text);
    }

    [Fact]
    public void A_full_journal_refuses_new_records_until_old_sectors_are_reclaimed()
    {
        var flash = new SimulatedFlash(8, 512, 64);
        var journal = Mount(flash);
        long last = 0;
        long result;
        while ((result = Append(journal, 1, new string('x', 150))) > 0)
        {
            last = result;
        }

        Assert.Equal(JournalError.Full, result);
        Assert.True(journal.Reclaim(last) > 0);
        Assert.True(Append(journal, 1, "room again") > 0);
        Assert.Equal(new[] { new string('x', 150), "room again" }, ReadAll(Mount(flash)).Select(r => r.Text));
    }

    [Fact]
    public void Mounting_random_garbage_finds_no_records_and_the_journal_still_works()
    {
        var flash = new SimulatedFlash(8, 512, 64);
        var random = new Random(7);
        var junk = new byte[64];
        for (int address = 0; address < 8 * 512; address += 64)
        {
            random.NextBytes(junk);
            flash.Program(address, junk, 0, 64);
        }

        var journal = Mount(flash);

        Assert.Empty(ReadAll(journal));
        Assert.True(Append(journal, 1, "fresh") > 0);
        Assert.Equal("fresh", Assert.Single(ReadAll(Mount(flash))).Text);
    }

    [Fact]
    public void Oversized_payloads_and_the_reserved_type_are_refused()
    {
        var journal = Mount(new SimulatedFlash(8, 512, 64));

        Assert.Equal(JournalError.TooLarge, journal.Append(1, new byte[201], 0, 201));
        Assert.Equal(JournalError.ReservedType, journal.Append(JournalStore.ReclaimMarkType, new byte[1], 0, 1));
    }
}

public class Crc32Tests
{
    [Fact]
    public void Crc32_of_the_standard_check_string_is_CBF43926()
    {
        byte[] data = System.Text.Encoding.ASCII.GetBytes("123456789");

        Assert.Equal(0xCBF43926u, Terminal.Core.Util.Crc32.Compute(data, 0, data.Length));
    }
}
