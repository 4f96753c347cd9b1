using CsCheck;
using Terminal.Core.Journal;
using Terminal.Drivers.Simulated.Storage;
using Xunit;
using JournalStore = Terminal.Core.Journal.Journal;

namespace Terminal.Core.Tests.Journal;

/// <summary>
/// Flash damage other than a power cut: worn cells (bits stuck at 0) where the journal is about to write, and bits lost
/// in sector headers and records already written. A committed record is read back, or its loss is counted.
/// </summary>
public class JournalFlashDamageTests
{
    private const int SectorSize = 1024;
    private const int HeaderSize = 12;
    private const int Overhead = 12;

    private static JournalStore Mount(SimulatedFlash flash)
    {
        var journal = new JournalStore(flash, firstSector: 1, sectorCount: 4, maxPayload: 200);
        journal.Mount();
        return journal;
    }

    private static List<(long Seq, string Text)> ReadAll(JournalStore journal)
    {
        var list = new List<(long, string)>();
        var cursor = default(JournalCursor);
        var buffer = new byte[256];
        while (journal.Next(ref cursor, buffer, out var e))
        {
            list.Add((e.Sequence, System.Text.Encoding.ASCII.GetString(buffer, 0, e.Length)));
        }

        return list;
    }

    private static long Append(JournalStore journal, string text)
    {
        byte[] b = System.Text.Encoding.ASCII.GetBytes(text);
        return journal.Append(1, b, 0, b.Length);
    }

    [Fact]
    public void A_worn_cell_under_the_next_record_makes_it_go_to_the_next_sector_and_it_survives_a_remount()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        Append(journal, "first");

        // "first" ends 12 + 17 bytes into sector 1; the next record's payload starts 8 bytes later.
        flash.StickBitsAtZero(SectorSize + HeaderSize + 17 + 8 + 2, 0x04); // 'l' (0x6C) reads as 0x68
        long seq = Append(journal, "sale 1000 approved");
        Append(journal, "printed");

        var again = Mount(flash);

        Assert.Equal(2, seq);
        Assert.Equal(new[] { (1L, "first"), (2L, "sale 1000 approved"), (3L, "printed") }, ReadAll(again));
        Assert.Equal(1, journal.WritesRetried);
        Assert.Equal(0, again.RecordsLost);
    }

    [Fact]
    public void A_worn_cell_in_the_header_of_the_next_sector_is_passed_over()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        var texts = Enumerable.Range(0, 24).Select(i => new string((char)('a' + i), 90)).ToList();

        // Sector 2 is the one opened when sector 1 is full: a bit of its magic ("T", 0x54) will not program.
        flash.StickBitsAtZero(2 * SectorSize, 0x10);
        foreach (string t in texts)
        {
            Assert.True(Append(journal, t) > 0);
        }

        var again = Mount(flash);

        Assert.Equal(texts, ReadAll(again).Select(r => r.Text));
        Assert.Equal(0, again.RecordsLost);
    }

    [Fact]
    public void A_damaged_sector_header_over_intact_records_keeps_the_records()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        var texts = Enumerable.Range(0, 24).Select(i => new string((char)('a' + i), 90)).ToList();
        foreach (string t in texts)
        {
            Append(journal, t);
        }

        // The first sector's header loses a bit of its sequence number (its CRC no longer checks).
        flash.Corrupt(SectorSize + 6, 0x10);
        var again = Mount(flash);

        Assert.Equal(texts, ReadAll(again).Select(r => r.Text));
        Assert.Equal(1, again.SectorsRecovered);
        Assert.Equal(0, again.RecordsLost);
        Assert.True(Append(again, "after") > 0);
        Assert.Equal("after", ReadAll(Mount(flash))[^1].Text);
    }

    [Fact]
    public void A_record_damaged_in_place_is_counted_as_lost_not_dropped_silently()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        Append(journal, "first");
        Append(journal, "second, soon damaged");
        Append(journal, "third");

        flash.Corrupt(SectorSize + HeaderSize + 17 + 8 + 3, 0x04);
        var again = Mount(flash);

        Assert.Equal(new[] { "first", "third" }, ReadAll(again).Select(r => r.Text));
        Assert.Equal(1, again.RecordsLost);
    }

    [Fact]
    public void A_record_whose_length_field_is_damaged_is_counted_and_the_records_after_it_are_kept()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        Append(journal, "first");
        Append(journal, "second, soon damaged");
        Append(journal, "third");
        Append(journal, "fourth");

        // The high byte of "second"'s length: it now claims more than the sector holds.
        flash.Corrupt(SectorSize + HeaderSize + 17, 0x40);
        var again = Mount(flash);

        Assert.Equal(new[] { "first", "third", "fourth" }, ReadAll(again).Select(r => r.Text));
        Assert.Equal(1, again.RecordsLost);
    }

    [Fact]
    public void Worn_cells_where_the_journal_writes_and_one_damaged_header_lose_no_committed_record()
    {
        // Records of random sizes; worn cells dropped into the erased space ahead of the writer now and then; at the end
        // one header of a sector that holds records loses a bit. Every acknowledged record reads back, in order.
        Gen.Select(Gen.Int[1, 150].Array[10, 40], Gen.Int[0, 1000].Array[10, 40], Gen.Int[0, 3], Gen.Int[0, 95])
            .Sample((sizes, wear, headerSector, headerBit) =>
            {
                var flash = new SimulatedFlash(8, SectorSize, 64);
                var journal = Mount(flash);
                var written = new List<(long, string)>();
                for (int i = 0; i < sizes.Length; i++)
                {
                    int w = wear[i % wear.Length];
                    int at = flash.LastProgramEnd + (w % 300);
                    if (w % 3 == 0 && at < 5 * SectorSize && flash.Image()[at] == 0xFF)
                    {
                        flash.StickBitsAtZero(at, (byte)(1 << (w % 8)));
                    }

                    string text = new((char)('a' + (i % 26)), sizes[i]);
                    long seq = Append(journal, text);
                    if (seq > 0)
                    {
                        written.Add((seq, text));
                    }
                }

                int header = (1 + headerSector) * SectorSize;
                if (flash.Image()[header] != 0xFF)
                {
                    flash.Corrupt(header + (headerBit / 8), (byte)(1 << (headerBit % 8)));
                }

                var again = Mount(flash);
                Assert.Equal(written, ReadAll(again));
                Assert.Equal(0, again.RecordsLost);
            }, iter: 300);
    }

    [Fact]
    public void A_record_appended_with_a_copy_reads_once_and_survives_damage_to_either_copy()
    {
        foreach (int damaged in new[] { 0, 1 })
        {
            var flash = new SimulatedFlash(8, SectorSize, 64);
            var journal = Mount(flash);
            Append(journal, "first");
            byte[] snapshot = System.Text.Encoding.ASCII.GetBytes("snapshot: batch 8, stan 120");
            long seq = journal.AppendWithCopy(4, snapshot, 0, snapshot.Length, keepFree: 0);
            Append(journal, "after");
            Assert.Equal(new[] { (1L, "first"), (2L, "snapshot: batch 8, stan 120"), (3L, "after") }, ReadAll(Mount(flash)));

            // A bit of one copy's payload is lost.
            List<int> copies = Copies(flash.Image(), seq, 4);
            Assert.Equal(2, copies.Count);
            Assert.True(copies[1] - copies[0] >= snapshot.Length + Overhead + Overhead, "a filler record between the copies");
            Assert.Equal(0, copies[1] % 64);
            flash.Corrupt(copies[damaged] + 8 + 4, 0x02);
            var again = Mount(flash);

            Assert.Equal(2, seq);
            Assert.Equal(new[] { (1L, "first"), (2L, "snapshot: batch 8, stan 120"), (3L, "after") }, ReadAll(again));
            Assert.Equal(0, again.RecordsLost);
            Assert.True(Append(again, "later") > 0);
            Assert.Equal("later", ReadAll(Mount(flash))[^1].Text);
        }
    }

    [Fact]
    public void A_record_whose_every_copy_is_damaged_is_counted_as_lost()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        Append(journal, "first");
        byte[] snapshot = System.Text.Encoding.ASCII.GetBytes("snapshot: batch 8, stan 120");
        long seq = journal.AppendWithCopy(4, snapshot, 0, snapshot.Length, keepFree: 0);
        Append(journal, "after");
        foreach (int at in Copies(flash.Image(), seq, 4))
        {
            flash.Corrupt(at + 8 + 4, 0x02);
        }

        var again = Mount(flash);

        Assert.Equal(new[] { "first", "after" }, ReadAll(again).Select(r => r.Text));
        Assert.Equal(1, again.RecordsLost);
    }

    [Fact]
    public void A_copy_with_no_room_left_in_its_sector_starts_the_next_one_and_is_read_in_order()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        for (int i = 0; i < 8; i++)
        {
            Append(journal, new string('x', 100));
        }

        // 12 + 8 x 112 = 908 bytes used; the 72-byte record ends at 980, and filler and copy would pass 1024.
        byte[] snapshot = new byte[60];
        long seq = journal.AppendWithCopy(4, snapshot, 0, snapshot.Length, keepFree: 0);
        Append(journal, "after");
        List<int> copies = Copies(flash.Image(), seq, 4);
        flash.Corrupt(copies[0] + 8, 0x01);

        var records = ReadAll(Mount(flash));

        Assert.Equal([SectorSize + 908, (2 * SectorSize) + HeaderSize], copies);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), records.Select(r => r.Seq));
        Assert.Equal("after", records[^1].Text);
    }

    // Addresses of the records with sequence seq and type type (their header: length, type, 0, sequence).
    private static List<int> Copies(byte[] image, long seq, int type)
    {
        var at = new List<int>();
        for (int a = 0; a + 8 <= image.Length; a++)
        {
            if (image[a + 2] == type && image[a + 3] == 0 && (((long)image[a + 4] << 24) | ((long)image[a + 5] << 16) | ((long)image[a + 6] << 8) | image[a + 7]) == seq && image[a] != 0xFF)
            {
                at.Add(a);
            }
        }

        return at;
    }

    [Fact]
    public void A_lost_middle_sector_is_counted_record_by_record()
    {
        var flash = new SimulatedFlash(8, SectorSize, 64);
        var journal = Mount(flash);
        for (int i = 0; i < 30; i++)
        {
            Append(journal, new string('r', 90));
        }

        // Sector 2 (records 10..18: nine of 102 bytes fit in a sector) is erased under the journal's feet.
        int before = ReadAll(Mount(flash)).Count;
        flash.EraseSector(2);
        var again = Mount(flash);

        Assert.Equal(before - ReadAll(again).Count, again.RecordsLost);
        Assert.True(again.RecordsLost > 0);
    }
}
