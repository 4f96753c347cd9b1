using Terminal.Core.Emv;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Simulated.Contactless;
using BerTlv = Terminal.Core.Emv.BerTlv;
using Terminal.Drivers.Simulated.Random;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// The card side of real reads: every test card (drivers/Terminal.Drivers.Simulated/Mfrc522/EmvTestCards) read
/// once through the MFRC522 model and driver, its answers recorded in order; and the minimal inputs of issue 16.
/// </summary>
internal static class EmvSeeds
{
    /// <summary>The inputs issue 16 reduced its escapes to: a 20-digit track 2, a 21-byte track 2, a 24-digit PAN.</summary>
    public static readonly string[] Issue16 =
    [
        "570A44997722667755116699",
        "571588883399E06488008E557755229966338388119966",
        "70295713" + "4761739001010010D30122010000000000000F" + "5A0C" + "476173900101001047617390" + "5F2403301231",
    ];

    private static readonly Lazy<List<byte[][]>> Recorded = new(Record);

    /// <summary>Per test card, the answers (data and status word) its card gave to a whole read, in order.</summary>
    public static IReadOnlyList<byte[][]> Dialogues => Recorded.Value;

    /// <summary>Offsets of the BER-TLV length bytes in <paramref name="data"/> (templates walked into).</summary>
    public static void TlvLengthFields(byte[] data, int offset, int end, int shift, List<int> into, int depth = 0)
    {
        int p = offset;
        while (p < end && depth < 8)
        {
            if (data[p] == 0x00)
            {
                p++;
                continue;
            }

            int first = data[p];
            int next = BerTlv.ReadHeader(data, p, end, out int tag, out int valueOffset, out int valueLength);
            if (next < 0 || tag == 0)
            {
                return;
            }

            int lengthAt = p + ((first & 0x1F) == 0x1F ? (tag > 0xFFFF ? 3 : 2) : 1);
            into.Add(lengthAt + shift);
            if (BerTlv.IsConstructed(tag))
            {
                TlvLengthFields(data, valueOffset, valueOffset + valueLength, shift, into, depth + 1);
            }

            p = next;
        }
    }

    private static List<byte[][]> Record()
    {
        var dialogues = new List<byte[][]>();
        foreach (string name in EmvTestCards.Names)
        {
            var card = new RecordingApplication(EmvTestCards.Create(name));
            var chip = new Mfrc522Model { Card = new Iso14443Card(Convert.FromHexString("5A3C9E12"), card) };
            using var reader = new Mfrc522(chip);
            new ContactlessEmvReader(reader, new SeededRandom(1)).Read(EmvDialogueTarget.Terminal());
            dialogues.Add([.. card.Answers]);
        }

        return dialogues;
    }

    // Passes commands to a real test card and keeps its answers.
    private sealed class RecordingApplication(IApduApplication card) : IApduApplication
    {
        public List<byte[]> Answers { get; } = [];

        public ApduAnswer Process(byte[] command)
        {
            ApduAnswer answer = card.Process(command);
            Answers.Add(answer.Response);
            return answer;
        }
    }
}
