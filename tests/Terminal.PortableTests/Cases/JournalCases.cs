using Terminal.Core.Journal;
using Terminal.PortableTests.Doubles;
using Terminal.PortableTests.Framework;

namespace Terminal.PortableTests.Cases
{
    /// <summary>The flash journal over an in-memory NOR flash with real erase/program rules.</summary>
    public sealed class JournalCases
    {
        private const int SectorSize = 1024;
        private const int PageSize = 64;

        /// <summary>The cases of this class.</summary>
        public static TestSuite Suite()
        {
            var c = new JournalCases();
            var suite = new TestSuite("Journal");
            suite.Add("The_memory_flash_erases_to_FF_and_programs_by_AND", c.The_memory_flash_erases_to_FF_and_programs_by_AND);
            suite.Add("The_memory_flash_refuses_a_program_across_a_page", c.The_memory_flash_refuses_a_program_across_a_page);
            suite.Add("Appended_records_survive_a_remount_in_order", c.Appended_records_survive_a_remount_in_order);
            suite.Add("Append_before_mount_is_refused", c.Append_before_mount_is_refused);
            suite.Add("A_corrupted_last_record_is_discarded_at_mount", c.A_corrupted_last_record_is_discarded_at_mount);
            suite.Add("A_full_journal_refuses_until_reclaimed", c.A_full_journal_refuses_until_reclaimed);
            return suite;
        }

        /// <summary>Case.</summary>
        public void The_memory_flash_erases_to_FF_and_programs_by_AND()
        {
            var flash = new MemoryFlash(SectorSize, 2, PageSize);
            byte[] cell = new byte[1];

            flash.Program(10, new byte[] { 0xF0 }, 0, 1);
            flash.Program(10, new byte[] { 0x3C }, 0, 1);
            flash.Read(10, cell, 0, 1);
            Check.Equal(0x30, cell[0], "0xF0 AND 0x3C");

            flash.EraseSector(0);
            flash.Read(10, cell, 0, 1);
            Check.Equal(0xFF, cell[0], "after erase");
        }

        /// <summary>Case.</summary>
        public void The_memory_flash_refuses_a_program_across_a_page()
        {
            var flash = new MemoryFlash(SectorSize, 2, PageSize);
            bool refused = false;
            try
            {
                flash.Program(PageSize - 2, new byte[4], 0, 4);
            }
            catch (System.ArgumentException)
            {
                refused = true;
            }

            Check.True(refused, "a 4-byte program 2 bytes before a page end is refused");
        }

        /// <summary>Case.</summary>
        public void Appended_records_survive_a_remount_in_order()
        {
            var flash = new MemoryFlash(SectorSize, 4, PageSize);
            var journal = new Journal(flash, 0, 4, 100);
            journal.Mount();
            long first = journal.Append(1, Hex.Ascii("sale 0001"), 0, 9);
            byte[] longer = new byte[70]; // longer than a 64-byte page: the journal must split its program calls
            for (int i = 0; i < longer.Length; i++)
            {
                longer[i] = (byte)(i + 1);
            }

            long second = journal.Append(2, longer, 0, longer.Length);
            Check.True(first > 0 && second == first + 1, "sequences ascend");

            var again = new Journal(flash, 0, 4, 100);
            again.Mount();

            Check.Equal(2, again.Records, "records after remount");
            Check.Equal(second + 1, again.NextSequence, "next sequence after remount");
            var cursor = default(JournalCursor);
            byte[] payload = new byte[100];
            Check.True(again.Next(ref cursor, payload, out JournalEntry entry), "first record");
            Check.Equal(first, entry.Sequence, "first sequence");
            Check.Equal(1, entry.Type, "first type");
            Check.EqualText("sale 0001", Hex.AsciiText(payload, 0, entry.Length), "first payload");
            Check.True(again.Next(ref cursor, payload, out entry), "second record");
            Check.BytesEqual(longer, payload, 0, entry.Length, "second payload");
            Check.Equal(2, entry.Type, "second type");
            Check.False(again.Next(ref cursor, payload, out entry), "no third record");
        }

        /// <summary>Case.</summary>
        public void Append_before_mount_is_refused()
        {
            var journal = new Journal(new MemoryFlash(SectorSize, 2, PageSize), 0, 2, 32);

            Check.Equal(JournalError.NotMounted, journal.Append(1, new byte[1], 0, 1), "append result");
        }

        /// <summary>Case.</summary>
        public void A_corrupted_last_record_is_discarded_at_mount()
        {
            var flash = new MemoryFlash(SectorSize, 2, PageSize);
            var journal = new Journal(flash, 0, 2, 32);
            journal.Mount();
            journal.Append(1, Hex.Ascii("KEEP"), 0, 4);
            journal.Append(1, Hex.Ascii("LOSE"), 0, 4);

            int at = Find(flash, Hex.Ascii("LOSE"));
            Check.True(at >= 0, "the second payload is on the flash");
            flash.Corrupt(at, (byte)'X');

            var again = new Journal(flash, 0, 2, 32);
            again.Mount();
            Check.Equal(1, again.Records, "records after mount");
            Check.Equal(1, again.TornDiscarded, "torn records discarded");
            var cursor = default(JournalCursor);
            byte[] payload = new byte[32];
            Check.True(again.Next(ref cursor, payload, out JournalEntry entry), "the intact record");
            Check.EqualText("KEEP", Hex.AsciiText(payload, 0, entry.Length), "intact payload");
        }

        /// <summary>Case.</summary>
        public void A_full_journal_refuses_until_reclaimed()
        {
            var flash = new MemoryFlash(SectorSize, 2, PageSize);
            var journal = new Journal(flash, 0, 2, 100);
            journal.Mount();
            byte[] record = new byte[100];
            long last = 0;
            int appended = 0;
            while (appended < 100)
            {
                long seq = journal.Append(3, record, 0, record.Length);
                if (seq < 0)
                {
                    Check.Equal(JournalError.Full, seq, "refusal reason");
                    break;
                }

                last = seq;
                appended++;
            }

            Check.True(appended > 2 && appended < 100, "a two-sector journal fills up");
            Check.True(journal.Reclaim(last + 1) > 0, "reclaim frees a sector");
            Check.True(journal.Append(3, record, 0, record.Length) > last, "append after reclaim");
        }

        private static int Find(MemoryFlash flash, byte[] pattern)
        {
            int size = flash.SectorSize * flash.SectorCount;
            byte[] all = new byte[size];
            flash.Read(0, all, 0, size);
            for (int i = 0; i + pattern.Length <= size; i++)
            {
                int j = 0;
                while (j < pattern.Length && all[i + j] == pattern[j])
                {
                    j++;
                }

                if (j == pattern.Length)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
