using Terminal.Drivers.Simulated.Random;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Simulator.Board;

namespace Terminal.Simulator.Campaign;

/// <summary>
/// Puts the day's faults into the terminal's world, as its <see cref="FaultPlan"/> draws them before each cashier
/// action: power cuts at a flash write, worn and disturbed flash cells, the host link's lost, late, duplicated and
/// damaged messages, a host restart, paper out. Draws from its own stream of the seed.
/// </summary>
internal sealed class FaultInjector(DayWorld world, FaultPlan plan, SeededRandom rng)
{
    private const int SectorHeaderBytes = 12; // the journal's sector header (docs/journal.md)
    private int _corrupted;

    /// <summary>The fault drawn for this action, already applied; null when none.</summary>
    public FaultKind? Inject()
    {
        FaultKind? kind = plan.Draw(rng);
        if (kind is not FaultKind k || !Apply(k))
        {
            return null;
        }

        world.Result.Fault(FaultNames.Name(k));
        return k;
    }

    private bool Apply(FaultKind kind)
    {
        switch (kind)
        {
            case FaultKind.PowerCut:
                // At one of the next flash writes or erases, keeping part of the bytes.
                world.Flash.CutPowerAt(rng.Next(0, 6), rng.Next(0, 24));
                return true;
            case FaultKind.StuckBits:
                return StickBits();
            case FaultKind.CorruptedSector:
                return CorruptSector();
            case FaultKind.RequestLost:
                world.Link.NextFault = LinkFault.DropRequest;
                return true;
            case FaultKind.AnswerLost:
                world.Link.NextFault = LinkFault.DropResponse;
                return true;
            case FaultKind.LateAnswer:
                world.Link.NextFault = LinkFault.Late;
                return true;
            case FaultKind.DuplicatedAnswer:
                world.Link.NextFault = LinkFault.Duplicate;
                return true;
            case FaultKind.CorruptedAnswer:
                world.Link.NextFault = LinkFault.Corrupt;
                return true;
            case FaultKind.WrongMac:
                world.Link.NextFault = LinkFault.BadMac;
                return true;
            case FaultKind.LinkDown:
                world.Link.NextFault = LinkFault.LinkDown;
                return true;
            case FaultKind.HostRestart:
                world.Link.PowerCut();
                return true;
            default:
                world.PrinterPort.PaperOut = true;
                return true;
        }
    }

    // A worn cell in the journal's unwritten space: usually in the next few hundred bytes the journal writes (found
    // at once), otherwise anywhere still erased (found when that sector is next used). Cells holding data are left
    // alone: damage to written data is a corrupted sector.
    private bool StickBits()
    {
        SimulatedFlash flash = world.Flash;
        if (flash.StuckCells >= FaultPlan.StuckCellLimit)
        {
            return false;
        }

        byte[] image = Readable(flash);
        int journalBytes = DayWorld.JournalSectors * flash.SectorSize;
        int writer = NewestRecord(image, flash.SectorSize, world.Fw.Terminal.Journal.NextSequence - 1).Start;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            int at = rng.Next(3) < 2 ? writer + rng.Next(0, 600) : rng.Next(journalBytes);
            if (at < journalBytes && Erased(image, Math.Max(0, at - 32), Math.Min(journalBytes, at + 32)))
            {
                flash.StickBitsAtZero(at, (byte)(1 << rng.Next(8)));
                return true;
            }
        }

        return false;
    }

    // A journal sector that holds data loses bits: one time in four its header, otherwise one to three bytes of its
    // records. The newest record keeps its bits: damage to it is indistinguishable from the torn write of a power cut,
    // which the journal discards by design (docs/simulation.md says more).
    private bool CorruptSector()
    {
        SimulatedFlash flash = world.Flash;
        if (_corrupted >= FaultPlan.CorruptionLimit)
        {
            return false;
        }

        byte[] image = Readable(flash);
        int size = flash.SectorSize;
        var written = new List<int>();
        for (int s = 0; s < DayWorld.JournalSectors; s++)
        {
            if (!Erased(image, s * size, (s * size) + SectorHeaderBytes))
            {
                written.Add(s);
            }
        }

        if (written.Count == 0)
        {
            return false;
        }

        int sector = rng.Pick(written);
        int start = sector * size;
        var newest = NewestRecord(image, size, world.Fw.Terminal.Journal.NextSequence - 1);
        int end = start + size;
        while (end > start + SectorHeaderBytes && image[end - 1] == 0xFF)
        {
            end--;
        }

        if (newest.Start >= start && newest.Start < start + size)
        {
            end = Math.Min(end, newest.Start);
        }

        if (end <= start + SectorHeaderBytes || rng.OneIn(4))
        {
            flash.Corrupt(start + rng.Next(SectorHeaderBytes), (byte)(1 << rng.Next(8)));
        }
        else
        {
            int at = rng.Next(start + SectorHeaderBytes, end);
            for (int i = rng.Next(1, 4); i > 0 && at < end; i--, at += rng.Next(1, 6))
            {
                flash.Corrupt(at, (byte)(1 << rng.Next(8)));
            }
        }

        _corrupted++;
        return true;
    }

    // Where the newest record the journal acknowledged (sequence number `acknowledged`, the first whole copy: a torn
    // write may carry the same number) starts, and the end of its sector: what follows it there (its copy, a torn write of a power cut) is spared with it. Records are walked by
    // their length fields (docs/journal.md: length u16, type, 0, sequence u32, payload, CRC u32); when a damaged length
    // hides it, the sector of the highest sequence number found is spared. (The flash's last program is no guide to
    // any of this: the self-test writes its own sector after the journal's.)
    private static (int Start, int End) NewestRecord(byte[] image, int size, long acknowledged)
    {
        int highest = 0;
        long highestSeq = -1;
        for (int s = 0; s < DayWorld.JournalSectors; s++)
        {
            int offset = SectorHeaderBytes;
            while (offset + 12 <= size)
            {
                int a = (s * size) + offset;
                int length = (image[a] << 8) | image[a + 1];
                if (length == 0xFFFF || image[a + 3] != 0 || offset + length + 12 > size)
                {
                    break;
                }

                long seq = ((long)image[a + 4] << 24) | ((long)image[a + 5] << 16) | ((long)image[a + 6] << 8) | image[a + 7];
                if (seq == acknowledged && Checks(image, a, length))
                {
                    return (a, (s + 1) * size);
                }

                if (seq > highestSeq)
                {
                    (highest, highestSeq) = (a, seq);
                }

                offset += length + 12;
            }
        }

        return (highest - (highest % size), highest - (highest % size) + size);
    }

    // The flash as the journal reads it (stuck bits applied; Image() gives the cells as programmed).
    private static byte[] Readable(SimulatedFlash flash)
    {
        var image = new byte[flash.SectorCount * flash.SectorSize];
        flash.Read(0, image, 0, image.Length);
        return image;
    }

    // Whether the record at a reads back whole (its CRC): a torn write may carry the same sequence number.
    private static bool Checks(byte[] image, int a, int length) =>
        Terminal.Core.Util.Crc32.Compute(image, a, 8 + length) == (uint)((image[a + 8 + length] << 24) | (image[a + 9 + length] << 16) | (image[a + 10 + length] << 8) | image[a + 11 + length]);

    private static bool Erased(byte[] image, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (image[i] != 0xFF)
            {
                return false;
            }
        }

        return true;
    }
}
