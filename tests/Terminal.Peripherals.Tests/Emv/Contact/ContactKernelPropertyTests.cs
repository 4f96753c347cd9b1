using CsCheck;
using Terminal.Core.Emv;
using Terminal.Drivers.Simulated.Random;
using Xunit;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Peripherals.Tests.Emv.Contact;

/// <summary>
/// Hostile and vanishing cards: whatever the card does, every kernel step returns a result with an outcome and,
/// when it failed, a reason; it never throws, and a failed transaction leaves no card data behind.
/// </summary>
public sealed class ContactKernelPropertyTests
{
    private static readonly byte[] IssuerAnswer =
    [
        .. Tlv(0x91, Hex("1122334455667788 3030")),
        .. Tlv(0x71, Tlv(0x9F18, Hex("00000001")), Tlv(0x86, Hex("841E000008 0102030405060708"))),
        .. Tlv(0x72, Tlv(0x9F18, Hex("00000002")), Tlv(0x86, Hex("84DA9F580400000001"))),
        .. Tlv(0x8A, Ascii("00")),
    ];

    private static EmvTerminalData Terminal() => new()
    {
        Amount = 12800,
        Date = new DateTime(2026, 11, 25, 14, 30, 5, DateTimeKind.Local),
        TransactionSequenceCounter = 7,
    };

    // Runs a whole transaction as the caller would: the first candidate when asked, the host approving with an ARPC and scripts.
    private static ContactKernelResult Run(ContactEmvKernel kernel, byte[] hostAnswer)
    {
        ContactKernelResult result = kernel.Begin(Terminal());
        for (int guard = 0; guard < 10 && result.Outcome == ContactOutcome.ChooseApplication; guard++)
        {
            result = kernel.Select(0);
        }

        CheckInvariants(kernel, result);
        if (result.Outcome == ContactOutcome.GoOnline)
        {
            byte[] f55 = new byte[255];
            Assert.NotEqual(0, kernel.BuildField55(CupIccMessage.Request, f55, 0, f55.Length));
            result = kernel.Complete(HostDecision.Approved, "00", hostAnswer, 0, hostAnswer.Length);
            CheckInvariants(kernel, result);
        }

        return result;
    }

    private static void CheckInvariants(ContactEmvKernel kernel, ContactKernelResult result)
    {
        Assert.True(Enum.IsDefined(result.Outcome));
        if (result.Outcome is ContactOutcome.Failed or ContactOutcome.CardRemoved)
        {
            Assert.NotEqual(EmvReadError.None, result.Error);
            Assert.False(string.IsNullOrEmpty(result.Reason));
            Assert.Equal(0, kernel.Card.Data.Count);
        }
        else
        {
            Assert.Equal(EmvReadError.None, result.Error);
        }

        if (result.Outcome == ContactOutcome.ChooseApplication)
        {
            Assert.InRange(result.CandidateCount, 1, ContactKernelResult.MaxCandidates);
        }
    }

    private static int CommandsOfAWholeTransaction(bool pse)
    {
        var applet = FakeEmvApplet.UnionPay();
        applet.HasPse = pse;
        var card = new FakeContactCard(applet);
        Assert.Equal(ContactOutcome.Approved, Run(new ContactEmvKernel(card, new SeededRandom(1)), IssuerAnswer).Outcome);
        Assert.StartsWith("84DA", Convert.ToHexString(card.Commands[^1]), StringComparison.Ordinal); // script 72 comes last
        return card.Commands.Count;
    }

    [Fact]
    public void A_card_pulled_before_any_command_ends_as_card_removed_and_wiped_or_keeps_its_TC()
    {
        foreach (bool pse in new[] { true, false })
        {
            int total = CommandsOfAWholeTransaction(pse);
            for (int pullAt = 0; pullAt < total; pullAt++)
            {
                var applet = FakeEmvApplet.UnionPay();
                applet.HasPse = pse;
                var card = new FakeContactCard(applet) { PullAt = pullAt };
                var kernel = new ContactEmvKernel(card, new SeededRandom(1));

                ContactKernelResult result = Run(kernel, IssuerAnswer);

                if (pullAt == total - 1)
                {
                    // The last command is script 72, after the card's TC: the transaction stands, the script failed.
                    Assert.Equal(ContactOutcome.Approved, result.Outcome);
                    Assert.Equal("2000000001" + "1100000002", Value(kernel, EmvTag.ScriptResults)); // failed at its command 1
                }
                else
                {
                    Assert.Equal(ContactOutcome.CardRemoved, result.Outcome);
                    Assert.Equal(string.Empty, kernel.Card.MaskedPan());
                    Assert.Equal(result.HostApproved, result.ReversalRequired);
                }
            }
        }
    }

    private static string Value(ContactEmvKernel kernel, int tag)
    {
        int n = kernel.Card.Data.Find(tag, out int offset);
        return n < 0 ? "absent" : Convert.ToHexString(kernel.Card.Data.Buffer, offset, n);
    }

    // One way a card can garble an answer: 0 random bytes, 1 one byte changed, 2 cut short, 3 another status word, 4 a length byte made huge.
    private static byte[] Garble(byte[] answer, int kind, byte[] noise, int n)
    {
        switch (kind)
        {
            case 0:
                return noise;
            case 1:
                if (answer.Length == 0)
                {
                    return answer;
                }

                byte[] changed = (byte[])answer.Clone();
                changed[n % changed.Length] = noise.Length > 0 ? noise[0] : (byte)0xFF;
                return changed;
            case 2:
                return answer[..(n % (answer.Length + 1))];
            case 3:
                return answer.Length < 2 ? answer : [.. answer[..^2], (byte)(n >> 8), (byte)n];
            default:
                if (answer.Length < 3)
                {
                    return answer;
                }

                byte[] longer = (byte[])answer.Clone();
                longer[1 + (n % Math.Min(4, longer.Length - 2))] = (byte)(0x80 | (n & 0x7F));
                return longer;
        }
    }

    private static readonly Gen<(int Index, int Kind, byte[] Noise, int N)> Garbling =
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 4], Gen.Byte.Array[0, 300], Gen.Int[0, 0xFFFF]);

    [Fact]
    public void Garbled_answers_from_the_card_give_a_result_never_an_exception()
    {
        Gen.Select(Garbling.Array[1, 4], Gen.Bool).Sample((garbles, pse) =>
        {
            var applet = FakeEmvApplet.UnionPay();
            applet.HasPse = pse;
            var card = new FakeContactCard(applet)
            {
                Tamper = (i, apdu) =>
                {
                    foreach (var g in garbles)
                    {
                        if (g.Index == i)
                        {
                            return Garble(applet.Respond(apdu), g.Kind, g.Noise, g.N);
                        }
                    }

                    return null;
                },
            };

            Run(new ContactEmvKernel(card, new SeededRandom(3)), IssuerAnswer);
        }, iter: 3000);
    }

    private static readonly int[] RecordTags = [0x5A, 0x5F24, 0x5F25, 0x5F28, 0x9F07, 0x9F08, 0x9F42, 0x8C, 0x8D, 0x8E, 0x9F0D, 0x9F0E, 0x9F0F];

    [Fact]
    public void Missing_data_objects_an_abused_AFL_and_huge_records_give_a_result_never_an_exception()
    {
        Gen.Select(Gen.Int[0, (1 << 13) - 1], Gen.Byte.Array[0, 24], Gen.Byte.Array[0, 252], Gen.Int[0, 3]).Sample((missing, afl, huge, choice) =>
        {
            FakeApp app = FakeApp.UnionPayDebit();
            for (int t = 0; t < RecordTags.Length; t++)
            {
                if ((missing & (1 << t)) != 0)
                {
                    app.Without(RecordTags[t]);
                }
            }

            if (choice == 1)
            {
                app.Afl = afl;
            }
            else if (choice == 2)
            {
                app.Records[(2, 1)] = huge; // a record of any bytes, up to the largest a short answer holds
            }
            else if (choice == 3)
            {
                app.Afl = Hex("08011000"); // sixteen records in SFI 1, each as big as the card likes
                for (int r = 1; r <= 16; r++)
                {
                    app.Records[(1, r)] = [.. Tlv(0x9F4D + r, huge.Length > 200 ? huge[..200] : huge)];
                }
            }

            var card = new FakeContactCard(new FakeEmvApplet { Apps = { app } });
            Run(new ContactEmvKernel(card, new SeededRandom(4)), IssuerAnswer);
        }, iter: 3000);
    }

    [Fact]
    public void Any_bytes_in_the_hosts_field_55_give_a_result_never_an_exception()
    {
        Gen.Select(Gen.Byte.Array[0, 255], Gen.OneOfConst(HostDecision.Approved, HostDecision.Declined, HostDecision.Unreachable)).Sample((answer, decision) =>
        {
            var card = new FakeContactCard(FakeEmvApplet.UnionPay());
            var kernel = new ContactEmvKernel(card, new SeededRandom(5));
            Assert.Equal(ContactOutcome.GoOnline, kernel.Begin(Terminal()).Outcome);

            ContactKernelResult result = kernel.Complete(decision, "00", answer, 0, answer.Length);

            CheckInvariants(kernel, result);
            Assert.Contains(result.Outcome, new[] { ContactOutcome.Approved, ContactOutcome.Declined, ContactOutcome.DeclinedAfterApproval });
        }, iter: 3000);
    }
}
