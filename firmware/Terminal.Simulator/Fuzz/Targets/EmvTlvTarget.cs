using Terminal.Core.App;
using Terminal.Core.Emv;
using Terminal.Core.Payments;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// emv-tlv: a card's BER-TLV (records, FCIs, GPO answers) into the store the reader keeps, then every accessor
/// a flow calls on a read: PAN, track 2, expiry, field 55, the masked PAN, and <see cref="TappedCard.Take"/>
/// into the card buffers of a request. Invariant: the read is wiped after, and the card buffers too when the
/// PAN was not usable.
/// </summary>
internal sealed class EmvTlvTarget : FuzzTarget
{
    private readonly List<byte[]> _seeds = [];
    private readonly List<int[]> _lengths = [];

    public EmvTlvTarget()
    {
        foreach (string hex in EmvSeeds.Issue16)
        {
            Add(Convert.FromHexString(hex));
        }

        foreach (byte[][] dialogue in EmvSeeds.Dialogues)
        {
            foreach (byte[] answer in dialogue)
            {
                if (answer.Length > 2)
                {
                    Add(answer[..^2]);
                }
            }
        }
    }

    public override string Name => "emv-tlv";

    public override string Feeds => "BER-TLV of the test cards' answers and the issue-16 inputs into EmvDataStore, then EmvReadResult's accessors and TappedCard.Take into CardData";

    public override IReadOnlyList<byte[]> Seeds => _seeds;

    public override int MaxInput => 1024;

    public override IReadOnlyList<int> LengthFields(int seed) => _lengths[seed];

    public override void Feed(byte[] input, int length)
    {
        BerTlv.Validate(input, 0, length);
        BerTlv.Find(input, 0, length, EmvTag.Pan, out _);
        var store = new EmvDataStore(1024, 64); // the reader's own sizes
        store.PutAll(input, 0, length);
        var read = new EmvReadResult(store);
        Accessors(read);
    }

    /// <summary>What a flow does with a read: every accessor, then the tap taken into a request's card buffers.</summary>
    internal static void Accessors(EmvReadResult read)
    {
        int pan = read.PanDigits(out _);
        Check(pan <= EmvReadResult.MaxPanDigits, "a PAN of more than 19 digits was accepted");
        read.CopyTrack2(new byte[40], 0);
        int expiry = read.ExpiryYymm;
        Check(expiry == -1 || (expiry >= 1 && expiry <= 9912 && expiry % 100 >= 1 && expiry % 100 <= 12), "expiry " + expiry + " is not a YYMM");
        read.BuildField55(new byte[255], 0, 255);
        read.MaskedPan();

        var card = new CardData();
        card.Pan[0] = (byte)'9'; // left by an earlier request: a refused tap must not leave it either
        bool taken = TappedCard.Take(read, card, out string masked, out _);
        Check(read.Data.Count == 0, "the read was not wiped after it was taken");
        if (!taken)
        {
            Check(card.PanLength == 0 && card.IccLength == 0 && AllZero(card.Pan) && AllZero(card.Icc), "a refused tap left card data in the card buffers");
            return;
        }

        Check(card.PanLength >= 12 && card.PanLength <= 19, "a tap was taken with a PAN of " + card.PanLength + " digits");
        Check(masked.Contains('*', StringComparison.Ordinal) && masked.Length == card.PanLength, "the masked PAN shows the whole PAN");
        card.MaskedPan();
        card.CopyPan(new byte[19], 0);
        card.Wipe();
    }

    internal static bool AllZero(byte[] bytes) => Array.TrueForAll(bytes, b => b == 0);

    private void Add(byte[] tlv)
    {
        var fields = new List<int>();
        EmvSeeds.TlvLengthFields(tlv, 0, tlv.Length, 0, fields);
        _seeds.Add(tlv);
        _lengths.Add([.. fields]);
    }
}
