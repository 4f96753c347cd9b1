using Terminal.Core.Emv;
using Terminal.Drivers.Simulated.ChipCards;
using Terminal.Drivers.Simulated.Contactless;
using Terminal.Drivers.Simulated.Random;
using Terminal.Hal;
using static Terminal.Drivers.Simulated.Contactless.BerTlv;

namespace Terminal.Simulator.Bench;

/// <summary>
/// A contact slot for the benchmark whose card answers from responses prepared before measuring: the kernel's
/// APDUs are answered, in order from each power-on, by copying the answer the simulated UnionPay chip gave to the
/// same command when the card was prepared, so the fake itself allocates nothing and does no card-side work.
/// The card is the UnionPay debit test card with a signature CVM (no PIN keyed); its second GENERATE AC answers
/// the TC (the first answer's data with 9F27 = 40), as a card that accepted the issuer's ARPC would.
/// </summary>
public sealed class PreparedContactCard : IContactReader
{
    private static readonly byte[] Atr = ContactEmvTestCards.T0Atr;
    private readonly byte[][] _answers;
    private readonly byte[] _instructions;
    private IEventSink? _sink;
    private int _next;

    private PreparedContactCard(byte[][] answers, byte[] instructions)
    {
        _answers = answers;
        _instructions = instructions;
    }

    /// <summary>The commands of one sale (SELECT PSE, READ RECORD, SELECT AID, GPO, READ RECORD..., GENERATE AC 1 and 2).</summary>
    public int Commands => _answers.Length;

    /// <summary>Commands answered with something other than the prepared answer (a command out of the prepared order).</summary>
    public int Mismatches { get; private set; }

    /// <inheritdoc />
    public bool CardPresent { get; private set; }

    /// <summary>
    /// Runs the contact kernel once, as the cashier would for <paramref name="terminal"/>, against the simulated
    /// chip and records its answers.
    /// </summary>
    public static PreparedContactCard Prepare(EmvTerminalData terminal)
    {
        var recorder = new Recorder(SignatureCard());
        var kernel = new ContactEmvKernel(recorder, new SeededRandom(1));
        ContactKernelResult r = kernel.Begin(terminal);
        if (r.Outcome == ContactOutcome.ChooseApplication)
        {
            r = kernel.Select(0);
        }

        if (r.Outcome != ContactOutcome.GoOnline || r.OnlinePinRequired)
        {
            throw new InvalidOperationException("the benchmark's card did not go online without a PIN: " + r.Outcome + " " + r.Reason);
        }

        byte[] f55 = Tlv(0x91, Hex("1122334455667788 3030"));
        r = kernel.Complete(HostDecision.Approved, "00", f55, 0, f55.Length);
        kernel.End();
        if (r.Outcome != ContactOutcome.Approved)
        {
            throw new InvalidOperationException("the benchmark's card did not approve: " + r.Outcome + " " + r.Reason);
        }

        return new PreparedContactCard([.. recorder.Answers], [.. recorder.Instructions]);
    }

    /// <summary>The card goes into the slot (the presence switch closes).</summary>
    public void Insert()
    {
        CardPresent = true;
        _sink?.Post(EventKind.CardInserted, 0, 0, EventPriority.Normal);
    }

    /// <summary>The card is taken out.</summary>
    public void Withdraw()
    {
        CardPresent = false;
        _sink?.Post(EventKind.CardWithdrawn, 0, 0, EventPriority.Normal);
    }

    /// <inheritdoc />
    public void Start(IEventSink sink) => _sink = sink;

    /// <inheritdoc />
    public long Poll(long nowMs) => Deadline.Never;

    /// <inheritdoc />
    public int PowerOn(byte[] atr, int offset, int capacity)
    {
        if (!CardPresent)
        {
            return ReaderStatus.NoCard;
        }

        _next = 0;
        Array.Copy(Atr, 0, atr, offset, Atr.Length);
        return Atr.Length;
    }

    /// <inheritdoc />
    public int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity)
    {
        if (!CardPresent)
        {
            return ReaderStatus.NoCard;
        }

        int i = _next++;
        if (i >= _answers.Length || commandLength < 4 || command[commandOffset + 1] != _instructions[i])
        {
            Mismatches++;
            response[responseOffset] = 0x6F; // no precise diagnosis
            response[responseOffset + 1] = 0x00;
            return 2;
        }

        byte[] answer = _answers[i];
        Array.Copy(answer, 0, response, responseOffset, answer.Length);
        return answer.Length;
    }

    /// <inheritdoc />
    public void PowerOff()
    {
    }

    /// <inheritdoc />
    public bool SelfCheck() => true;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    // The UnionPay debit test card's data with a CVM list of signature, else no CVM (X = Y = 0).
    private static ContactEmvCard SignatureCard()
    {
        ContactEmvApplication debit = ContactEmvTestCards.Applet("unionpay-debit").Applications[0];
        var records = new Dictionary<(int Sfi, int Record), byte[]>(debit.Records)
        {
            [(2, 2)] = Tlv(0x70,
                Tlv(0x8E, Hex("00000000 00000000 1E03 1F03")),
                Tlv(0x8C, Hex(ContactEmvTestCards.Cdol1)),
                Tlv(0x8D, Hex(ContactEmvTestCards.Cdol2)),
                Tlv(0x9F0D, Hex("D84004A800")),
                Tlv(0x9F0E, Hex("0010000000")),
                Tlv(0x9F0F, Hex("D84004F800"))),
        };
        var app = new ContactEmvApplication
        {
            Aid = debit.Aid,
            Label = debit.Label,
            Priority = debit.Priority,
            Pan = debit.Pan,
            PanSequence = debit.PanSequence,
            Pdol = debit.Pdol,
            Aip = debit.Aip,
            Iad = debit.Iad,
            Records = records,
        };
        return new ContactEmvCard("bench-signature", ContactEmvTestCards.IssuerMasterKey, ContactEmvTestCards.IssuerMacMasterKey, app);
    }

    // A slot that passes each command to the simulated chip and keeps its answer; the second GENERATE AC is answered
    // with the first's data as a TC (the chip model would check an ARPC the benchmark's canned host cannot compute).
    private sealed class Recorder(ContactEmvCard card) : IContactReader
    {
        private byte[]? _arqc;

        public List<byte[]> Answers { get; } = [];

        public List<byte> Instructions { get; } = [];

        public bool CardPresent => true;

        public void Start(IEventSink sink)
        {
        }

        public long Poll(long nowMs) => Deadline.Never;

        public int PowerOn(byte[] atr, int offset, int capacity)
        {
            card.Reset();
            Atr.CopyTo(atr, offset);
            return Atr.Length;
        }

        public int Transceive(byte[] command, int commandOffset, int commandLength, byte[] response, int responseOffset, int responseCapacity)
        {
            byte[] apdu = command[commandOffset..(commandOffset + commandLength)];
            byte[] answer;
            if (apdu[1] == 0xAE && _arqc != null)
            {
                answer = (byte[])_arqc.Clone();
                int cid = IndexOf(answer, 0x9F, 0x27);
                answer[cid + 3] = 0x40;
            }
            else
            {
                answer = card.Process(apdu).Response;
                if (apdu[1] == 0xAE)
                {
                    _arqc = answer;
                }
            }

            Answers.Add(answer);
            Instructions.Add(apdu[1]);
            answer.CopyTo(response, responseOffset);
            return answer.Length;
        }

        public void PowerOff()
        {
        }

        public bool SelfCheck() => true;

        public void Dispose()
        {
        }

        private static int IndexOf(byte[] data, byte a, byte b)
        {
            for (int i = 0; i + 1 < data.Length; i++)
            {
                if (data[i] == a && data[i + 1] == b)
                {
                    return i;
                }
            }

            throw new InvalidOperationException("no 9F27 in the ARQC's answer");
        }
    }
}
