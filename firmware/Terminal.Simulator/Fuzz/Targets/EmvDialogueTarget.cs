using Terminal.Core.Emv;
using Terminal.Drivers.Contactless;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Random;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// emv-dialogue: a whole contactless read against a card that answers with the input: the input is the card's
/// answers in order (each a 2-byte length and the response APDU), sent over ISO-DEP by the ISO 14443 card
/// model, through the MFRC522 chip model and the real MFRC522 driver, into <see cref="ContactlessEmvReader"/>,
/// then the accessors the tap screen calls. Invariant: a failed read keeps no card data.
/// </summary>
internal sealed class EmvDialogueTarget : FuzzTarget
{
    private readonly List<byte[]> _seeds = [];
    private readonly List<int[]> _lengths = [];

    public EmvDialogueTarget()
    {
        foreach (byte[][] answers in EmvSeeds.Dialogues)
        {
            var bytes = new List<byte>();
            var fields = new List<int>();
            foreach (byte[] answer in answers)
            {
                bytes.Add((byte)(answer.Length >> 8));
                bytes.Add((byte)answer.Length);
                EmvSeeds.TlvLengthFields(answer, 0, Math.Max(0, answer.Length - 2), bytes.Count, fields);
                bytes.AddRange(answer);
            }

            _seeds.Add([.. bytes]);
            _lengths.Add([.. fields]);
        }
    }

    public override string Name => "emv-dialogue";

    public override string Feeds => "the test cards' recorded answers as a card's whole dialogue: ISO 14443 card model, MFRC522 model, Mfrc522 driver, ContactlessEmvReader, then TappedCard.Take";

    public override IReadOnlyList<byte[]> Seeds => _seeds;

    public override int MaxInput => 2048;

    public override IReadOnlyList<int> LengthFields(int seed) => _lengths[seed];

    /// <summary>The terminal data of a 12.34 sale, as the tap screen fills it.</summary>
    public static EmvTerminalData Terminal() => new() { Amount = 1234, Date = new DateTime(2026, 11, 25, 14, 30, 5, DateTimeKind.Local) };

    public override void Feed(byte[] input, int length)
    {
        var card = new ScriptedCard(input, length);
        var chip = new Mfrc522Model { Card = new Iso14443Card([0x5A, 0x3C, 0x9E, 0x12], card) };
        using var reader = new Mfrc522(chip);
        var emv = new ContactlessEmvReader(reader, new SeededRandom(1));
        EmvReadResult result = emv.Read(Terminal());
        if (!result.Succeeded)
        {
            Check(result.Data.Count == 0, "a failed read (" + result.Reason + ") kept card data");
            return;
        }

        EmvTlvTarget.Accessors(result);
    }

    // Answers each command with the next answer of the input (a length cut to what is left); then 6F00.
    private sealed class ScriptedCard(byte[] input, int length) : IApduApplication
    {
        private int _at;

        public ApduAnswer Process(byte[] command)
        {
            if (_at + 2 > length)
            {
                return new ApduAnswer([0x6F, 0x00]);
            }

            int n = Math.Min((input[_at] << 8) | input[_at + 1], length - _at - 2);
            byte[] answer = input.AsSpan(_at + 2, n).ToArray();
            _at += 2 + n;
            return new ApduAnswer(answer);
        }
    }
}
