using Terminal.Core.Payments;
using Xunit;

namespace Terminal.Core.Tests.Payments.Store;

/// <summary>
/// A terminal in the field keeps its journal across a software update: the records the store wrote before it
/// became journaled modules must replay to the same state, and the store must go on writing them byte for byte.
/// </summary>
public class JournalCompatibilityTests
{
    public static TheoryData<string> Points => new(OldJournalGoldens.Points);

    [Theory]
    [MemberData(nameof(Points))]
    public void A_journal_written_before_the_modules_replays_to_the_state_it_gave_then(string point)
    {
        StoreRig rig = OldJournalScript.Replay(OldJournalGoldens.Records(point));

        Assert.Equal(OldJournalGoldens.View(point), OldJournalScript.View(rig.Store));
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void The_store_writes_every_record_byte_for_byte_as_before(string point)
    {
        StoreRig rig = point switch
        {
            "OpenDay" => OldJournalScript.OpenDay(),
            "CutAfterSettleDone" => OldJournalScript.CutAfterSettleDone(),
            _ => OldJournalScript.NextBatch(),
        };

        Assert.Equal(OldJournalGoldens.Records(point), OldJournalScript.Records(rig.Flash).TrimEnd('\n'));
    }

    [Fact]
    public void The_goldens_hold_every_record_type_the_store_writes()
    {
        var seen = new HashSet<string>();
        foreach (string point in OldJournalGoldens.Points)
        {
            foreach (string line in OldJournalGoldens.Records(point).Split('\n'))
            {
                seen.Add(line.Split(' ')[0]);
            }
        }

        Assert.Equal(OldJournalScript.AllNames.Order(), seen.Order());
    }
}
