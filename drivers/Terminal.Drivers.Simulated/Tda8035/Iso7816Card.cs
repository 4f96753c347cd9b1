using Terminal.Drivers.Simulated.Contactless;

namespace Terminal.Drivers.Simulated.Contact;

/// <summary>
/// A contact chip card at its contacts (ISO/IEC 7816-3, EMV Book 1): the answer to reset after RST rises, then
/// the card side of T=0 (procedure bytes: INS or ~INS acknowledgement, 0x60 NULL while it works, 61xx when a
/// case 4 answer waits for GET RESPONSE, 6Cxx when Le was wrong) or of T=1 (I-, R- and S-blocks with LRC,
/// chaining both ways, S(IFS), S(WTX) when it needs longer than BWT, R-block error recovery) around an APDU
/// application. Faults a test can set: no ATR, silence after the ATR, garbage answers, NULL bytes, byte-by-byte
/// acknowledgement, corrupted blocks, WTX requests, and a card pulled out at its nth command.
/// </summary>
public sealed class Iso7816Card
{
    // INS codes whose command carries data (cases 3 and 4): under T=0 the card must know which way P3 counts.
    private static readonly byte[] DataInInstructions = [0xA4, 0xA8, 0xAE, 0x82, 0x88, 0xDA, 0x24, 0x1E, 0x18, 0x16, 0x20, 0xD6, 0xDC, 0xE2];

    private readonly List<byte> _in = [];
    private readonly List<byte> _command = [];
    private byte[] _header = [];
    private int _dataExpected;
    private byte[] _pending = []; // T=0: response data waiting for GET RESPONSE; its final SW in _pendingSw
    private int _pendingSw;
    private byte[]? _wrongLeAnswer; // T=0: the answer held after 6Cxx for the resent command
    private int _commands;

    // T=1 state.
    private int _cardNs;      // N(S) of the card's next I-block
    private int _expectedNs;  // N(S) the card expects of the terminal's next I-block
    private byte[] _lastSent = [];
    private byte[] _responseToSend = [];
    private int _responseSent;
    private byte[]? _afterWtx;

    /// <summary>A card answering <paramref name="atr"/> after reset, running <paramref name="application"/>.</summary>
    public Iso7816Card(byte[] atr, IApduApplication application)
    {
        Atr = atr;
        Application = application;
        Protocol = ProtocolOf(atr);
        Ifsc = Protocol == 1 ? InterfaceByte(atr, 'A', 3) ?? 32 : 0;
    }

    /// <summary>The answer to a cold reset.</summary>
    public byte[] Atr { get; set; }

    /// <summary>The answer to a warm reset (null: the same as <see cref="Atr"/>).</summary>
    public byte[]? WarmAtr { get; set; }

    /// <summary>The APDU application on the chip.</summary>
    public IApduApplication Application { get; }

    /// <summary>The transmission protocol the ATR offers first (TD1), 0 or 1.</summary>
    public int Protocol { get; set; }

    /// <summary>T=1: the card's information field size (TA3).</summary>
    public int Ifsc { get; set; }

    /// <summary>T=1: the terminal's information field size as S(IFS) set it (32 until then).</summary>
    public int Ifsd { get; private set; } = 32;

    /// <summary>Fault: the card sends no ATR and answers nothing.</summary>
    public bool Mute { get; set; }

    /// <summary>Fault: the card answers its ATR, then nothing.</summary>
    public bool MuteAfterAtr { get; set; }

    /// <summary>Fault: the card answers every command with these bytes instead of the protocol.</summary>
    public byte[]? Garbage { get; set; }

    /// <summary>T=0: NULL bytes (0x60) the card sends before each procedure byte.</summary>
    public int NullBytes { get; set; }

    /// <summary>T=0: the card acknowledges command data one byte at a time with ~INS.</summary>
    public bool AckByteByByte { get; set; }

    /// <summary>T=1: the next this many blocks the card sends carry a wrong LRC (the terminal must ask again).</summary>
    public int CorruptBlocks { get; set; }

    /// <summary>T=1: S(WTX) requests the card makes before each answer.</summary>
    public int WtxRequests { get; set; }

    /// <summary>The card leaves the slot when its nth command APDU arrives (0: never), before answering it.</summary>
    public int PullAtCommand { get; set; }

    /// <summary>Set when the card asks to be pulled (the slot model takes it out).</summary>
    public bool WantsOut { get; private set; }

    /// <summary>Command APDUs the card has processed.</summary>
    public int CommandCount => _commands;

    /// <summary>T=0: command headers received (a command resent after 6Cxx counts twice).</summary>
    public int Headers { get; private set; }

    /// <summary>S(WTX) requests the card sent.</summary>
    public int WtxSent { get; private set; }

    /// <summary>Blocks or bytes the card sent again because the terminal asked.</summary>
    public int Retransmissions { get; private set; }

    /// <summary>T=1: R-blocks the card sent because a block from the terminal was broken.</summary>
    public int ErrorsSeen { get; private set; }

    /// <summary>An ATR with its TCK appended (XOR of T0 through the last byte, so all bytes after TS XOR to 0).</summary>
    public static byte[] WithTck(byte[] atrWithoutTck)
    {
        byte tck = 0;
        for (int i = 1; i < atrWithoutTck.Length; i++)
        {
            tck ^= atrWithoutTck[i];
        }

        return [.. atrWithoutTck, tck];
    }

    /// <summary>Power and reset: the session starts over; returns the ATR to send (empty when mute).</summary>
    public byte[] Reset(bool warm)
    {
        _in.Clear();
        _command.Clear();
        _header = [];
        _pending = [];
        _wrongLeAnswer = null;
        _cardNs = 0;
        _expectedNs = 0;
        _lastSent = [];
        _responseToSend = [];
        _afterWtx = null;
        Ifsd = 32;
        (Application as ChipCards.ContactEmvCard)?.Reset();
        return Mute ? [] : warm && WarmAtr != null ? WarmAtr : Atr;
    }

    /// <summary>A byte from the terminal on I/O; returns what the card sends back now (possibly nothing).</summary>
    public byte[] Receive(byte b)
    {
        if (Mute || MuteAfterAtr || WantsOut)
        {
            return [];
        }

        _in.Add(b);
        return Protocol == 1 ? ReceiveT1() : ReceiveT0();
    }

    private byte[] ReceiveT0()
    {
        if (_header.Length == 0)
        {
            if (_in.Count < 5)
            {
                return [];
            }

            _header = [.. _in];
            _in.Clear();
            Headers++;
            if (Garbage != null)
            {
                _header = [];
                return Garbage;
            }

            byte ins = _header[1];
            int p3 = _header[4];
            if (Array.IndexOf(DataInInstructions, ins) >= 0 && p3 > 0)
            {
                _dataExpected = p3;
                return [.. Nulls(), AckByteByByte ? (byte)~ins : ins];
            }

            byte[] headerOnly = _header;
            _header = [];
            return [.. Nulls(), .. CaseTwo(headerOnly)];
        }

        if (_in.Count < _dataExpected)
        {
            return AckByteByByte ? [(byte)~_header[1]] : [];
        }

        byte[] command = [.. _header, .. _in];
        _in.Clear();
        _header = [];
        ApduAnswer? answer = Process(command);
        if (answer == null)
        {
            return [];
        }

        byte[] r = answer.Response;
        int sw = (r[^2] << 8) | r[^1];
        if (r.Length == 2)
        {
            return [.. Nulls(), r[0], r[1]];
        }

        // Case 4 under T=0: the data waits for GET RESPONSE.
        _pending = r[..^2];
        _pendingSw = sw;
        return [.. Nulls(), 0x61, (byte)Math.Min(_pending.Length, 256)];
    }

    private byte[] CaseTwo(byte[] header)
    {
        byte ins = header[1];
        int le = header[4] == 0 ? 256 : header[4];
        byte[] data;
        int sw;
        if (ins == 0xC0 && header[0] == 0x00)
        {
            if (_pending.Length == 0)
            {
                return [0x69, 0x85];
            }

            data = _pending;
            sw = _pendingSw;
        }
        else if (_wrongLeAnswer != null && header[4] == _wrongLeAnswer.Length - 2)
        {
            // The terminal resent the command with the Le of our 6Cxx: answer what was computed.
            data = _wrongLeAnswer[..^2];
            sw = (_wrongLeAnswer[^2] << 8) | _wrongLeAnswer[^1];
            _wrongLeAnswer = null;
        }
        else
        {
            ApduAnswer? answer = Process(header);
            if (answer == null)
            {
                return [];
            }

            byte[] r = answer.Response;
            if (r.Length == 2)
            {
                return r;
            }

            if (r.Length - 2 != le)
            {
                _wrongLeAnswer = r;
                return [0x6C, (byte)(r.Length - 2)];
            }

            data = r[..^2];
            sw = (r[^2] << 8) | r[^1];
        }

        if (ins == 0xC0 && le != data.Length)
        {
            if (le > data.Length)
            {
                return [0x6C, (byte)data.Length];
            }

            _pending = data[le..];
            return [ins, .. data[..le], 0x61, (byte)Math.Min(_pending.Length, 256)];
        }

        _pending = [];
        return [ins, .. data, (byte)(sw >> 8), (byte)sw];
    }

    private byte[] Nulls() => [.. Enumerable.Repeat((byte)0x60, NullBytes)];

    private ApduAnswer? Process(byte[] command)
    {
        _commands++;
        if (PullAtCommand > 0 && _commands == PullAtCommand)
        {
            WantsOut = true;
            return null;
        }

        return Application.Process(command);
    }

    private byte[] ReceiveT1()
    {
        if (_in.Count < 3 || _in.Count < 3 + _in[2] + 1)
        {
            return [];
        }

        byte[] block = [.. _in];
        _in.Clear();
        if (Garbage != null)
        {
            return Garbage;
        }

        byte lrc = 0;
        foreach (byte x in block)
        {
            lrc ^= x;
        }

        int pcb = block[1];
        int len = block[2];
        if (lrc != 0 || len == 0xFF || block[0] != 0)
        {
            ErrorsSeen++;
            return Send(RBlock(_expectedNs, error: true));
        }

        byte[] inf = block[3..(3 + len)];
        if ((pcb & 0x80) == 0)
        {
            return IBlockIn(pcb, inf);
        }

        if ((pcb & 0xC0) == 0x80)
        {
            // R-block: N(R) is the number of the I-block the terminal wants next.
            int nr = (pcb >> 4) & 1;
            if (nr == _cardNs)
            {
                // The terminal wants our next block: the next part of a chained answer, or, when we have none, its
                // own I-block was lost on the way: ask for it with the number we expect.
                return _responseSent < _responseToSend.Length ? SendNextChunk() : Send(RBlock(_expectedNs, error: false));
            }

            return Resend();
        }

        switch (pcb)
        {
            case 0xC1: // S(IFS request)
                Ifsd = inf.Length == 1 ? inf[0] : Ifsd;
                return Send(SBlock(0xE1, inf));
            case 0xE3: // S(WTX response)
                if (_afterWtx != null)
                {
                    byte[] answer = _afterWtx;
                    _afterWtx = null;
                    return StartResponse(answer);
                }

                return [];
            case 0xC0: // S(RESYNCH request)
                _cardNs = 0;
                _expectedNs = 0;
                return Send(SBlock(0xE0, []));
            case 0xC2: // S(ABORT request)
                _command.Clear();
                return Send(SBlock(0xE2, []));
            default:
                return Send(RBlock(_expectedNs, error: false, other: true));
        }
    }

    private byte[] IBlockIn(int pcb, byte[] inf)
    {
        int ns = (pcb >> 6) & 1;
        bool more = (pcb & 0x20) != 0;
        if (ns != _expectedNs)
        {
            // A repeated block (our acknowledgement was lost): acknowledge again.
            return Resend();
        }

        _expectedNs ^= 1;
        _command.AddRange(inf);
        if (more)
        {
            return Send(RBlock(_expectedNs, error: false));
        }

        byte[] command = [.. _command];
        _command.Clear();
        ApduAnswer? answer = Process(command);
        if (answer == null)
        {
            return [];
        }

        if (WtxRequests > 0)
        {
            WtxRequests--;
            WtxSent++;
            _afterWtx = answer.Response;
            return Send(SBlock(0xC3, [2]));
        }

        return StartResponse(answer.Response);
    }

    private byte[] StartResponse(byte[] response)
    {
        _responseToSend = response;
        _responseSent = 0;
        return SendNextChunk();
    }

    private byte[] SendNextChunk()
    {
        int n = Math.Min(Ifsd, _responseToSend.Length - _responseSent);
        bool more = _responseSent + n < _responseToSend.Length;
        byte pcb = (byte)((_cardNs << 6) | (more ? 0x20 : 0));
        byte[] block = Block(pcb, _responseToSend[_responseSent..(_responseSent + n)]);
        _responseSent += n;
        _cardNs ^= 1;
        return Send(block);
    }

    private byte[] Send(byte[] block)
    {
        _lastSent = block;
        if (CorruptBlocks > 0)
        {
            CorruptBlocks--;
            byte[] broken = (byte[])block.Clone();
            broken[^1] ^= 0x5A;
            return broken;
        }

        return block;
    }

    private byte[] Resend()
    {
        if (_lastSent.Length == 0)
        {
            return Send(RBlock(_expectedNs, error: true));
        }

        Retransmissions++;
        return Send(_lastSent);
    }

    private static byte[] RBlock(int nr, bool error, bool other = false) => Block((byte)(0x80 | (nr << 4) | (error ? 0x01 : 0) | (other ? 0x02 : 0)), []);

    private static byte[] SBlock(byte pcb, byte[] inf) => Block(pcb, inf);

    private static byte[] Block(byte pcb, byte[] inf)
    {
        byte[] block = [0x00, pcb, (byte)inf.Length, .. inf, 0];
        byte lrc = 0;
        for (int i = 0; i < block.Length - 1; i++)
        {
            lrc ^= block[i];
        }

        block[^1] = lrc;
        return block;
    }

    private static int ProtocolOf(byte[] atr)
    {
        byte? td1 = InterfaceByte(atr, 'D', 1);
        return td1 is byte t ? t & 0x0F : 0;
    }

    // TAi/TBi/TCi/TDi of a well-formed ATR (the model's own cards; the driver parses hostile ones).
    private static byte? InterfaceByte(byte[] atr, char kind, int index)
    {
        if (atr.Length < 2)
        {
            return null;
        }

        int y = atr[1] >> 4;
        int p = 2;
        for (int i = 1; ; i++)
        {
            byte? ta = null, tb = null, tc = null, td = null;
            if ((y & 1) != 0 && p < atr.Length)
            {
                ta = atr[p++];
            }

            if ((y & 2) != 0 && p < atr.Length)
            {
                tb = atr[p++];
            }

            if ((y & 4) != 0 && p < atr.Length)
            {
                tc = atr[p++];
            }

            if ((y & 8) != 0 && p < atr.Length)
            {
                td = atr[p++];
            }

            if (i == index)
            {
                return kind switch { 'A' => ta, 'B' => tb, 'C' => tc, _ => td };
            }

            if (td == null)
            {
                return null;
            }

            y = td.Value >> 4;
        }
    }
}
