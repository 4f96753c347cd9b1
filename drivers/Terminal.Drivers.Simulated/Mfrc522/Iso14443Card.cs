using Terminal.Drivers.Contactless;

namespace Terminal.Drivers.Simulated.Contactless;

/// <summary>What an ISO/IEC 14443-4 card runs behind ISO-DEP: command APDU in, response APDU out.</summary>
public interface IApduApplication
{
    /// <summary>Handles one whole command APDU; returns the response APDU (with SW1 SW2) and how long the card thinks.</summary>
    ApduAnswer Process(byte[] command);
}

/// <summary>A response APDU and the card's processing time.</summary>
/// <param name="Response">Data and SW1 SW2.</param>
/// <param name="ProcessingUs">Time the card needs before it can answer.</param>
public sealed record ApduAnswer(byte[] Response, long ProcessingUs = 1000);

/// <summary>
/// A type A contactless card at the air interface: ISO/IEC 14443-3 states (IDLE, READY, ACTIVE, HALT),
/// anticollision and SELECT over its cascade levels, RATS/ATS, and the card side of the ISO/IEC 14443-4
/// block protocol (rules C, D, E and 9 to 13: block numbers, chaining, R(ACK)/R(NAK), S(WTX), DESELECT).
/// </summary>
public sealed class Iso14443Card
{
    private const long Layer3Us = 100;
    private readonly List<byte> _command = [];
    private State _state = State.Idle;
    private int _level;
    private int _blockNumber;
    private byte[] _lastSent = [];
    private byte[]? _response;
    private int _responseSent;
    private ApduAnswer? _pendingAfterWtx;
    private int _fsd = 16;
    private int _framesLeft = -1;

    /// <summary>Creates a card with <paramref name="uid"/> (4 or 7 bytes) running <paramref name="application"/>.</summary>
    public Iso14443Card(byte[] uid, IApduApplication application, int fsci = 8, int fwi = 7)
    {
        if (uid.Length != 4 && uid.Length != 7)
        {
            throw new ArgumentException("UID must be 4 or 7 bytes", nameof(uid));
        }

        Uid = uid;
        Application = application;
        Fsci = fsci;
        Fwi = fwi;
    }

    private enum State
    {
        Off,
        Idle,
        Ready,
        Active,
        Halt,
        Protocol,
    }

    /// <summary>The UID.</summary>
    public byte[] Uid { get; }

    /// <summary>The application behind ISO-DEP.</summary>
    public IApduApplication Application { get; }

    /// <summary>FSCI announced in the ATS (8 = 256 bytes).</summary>
    public int Fsci { get; }

    /// <summary>FWI announced in the ATS.</summary>
    public int Fwi { get; }

    /// <summary>Frame waiting time from FWI, microseconds.</summary>
    public long FwtUs => 302L << Fwi;

    /// <summary>False once the card has left the field.</summary>
    public bool InField { get; set; } = true;

    /// <summary>Blocks received at ISO-DEP level, by PCB, for tests that check the protocol.</summary>
    public List<byte> ReceivedPcbs { get; } = [];

    /// <summary>Times the card sent its last block again (Rule 11).</summary>
    public int Retransmissions { get; private set; }

    /// <summary>Times the card asked for more time with S(WTX).</summary>
    public int WtxRequests { get; private set; }

    /// <summary>Whether the card is activated up to ISO-DEP.</summary>
    public bool IsInProtocol => _state == State.Protocol;

    /// <summary>Whether the card is halted (after HLTA or DESELECT).</summary>
    public bool IsHalted => _state == State.Halt;

    /// <summary>Fault: the card answers this many more frames and then leaves the field.</summary>
    public void LeaveFieldAfter(int frames) => _framesLeft = frames;

    /// <summary>The field went off: the card loses its state.</summary>
    public void PowerOff() => _state = State.Off;

    /// <summary>Handles one frame from the reader; returns the answer or null for silence.</summary>
    public CardAnswer? Receive(byte[] frame, int lastBits)
    {
        if (!InField)
        {
            return null;
        }

        if (_framesLeft == 0)
        {
            InField = false;
            return null;
        }

        CardAnswer? answer = Handle(frame, lastBits);
        if (answer != null && _framesLeft > 0)
        {
            _framesLeft--;
        }

        return answer;
    }

    private CardAnswer? Handle(byte[] frame, int lastBits)
    {
        if (_state == State.Off)
        {
            _state = State.Idle; // powered by this field now
        }

        if (frame.Length == 1 && lastBits == 7)
        {
            bool wake = frame[0] == Iso14443.Wupa || (frame[0] == Iso14443.Reqa && _state != State.Halt);
            if (!wake || (frame[0] != Iso14443.Wupa && frame[0] != Iso14443.Reqa))
            {
                return null;
            }

            _state = State.Ready;
            _level = 0;
            byte atqa0 = (byte)(Uid.Length == 4 ? 0x04 : 0x44); // UID size bits: single or double
            return new CardAnswer([atqa0, 0x00], false, Layer3Us);
        }

        switch (_state)
        {
            case State.Ready:
                return HandleReady(frame);
            case State.Active:
                if (!CrcOk(frame))
                {
                    return null;
                }

                if (frame[0] == Iso14443.Hlta && frame.Length == 4)
                {
                    _state = State.Halt;
                    return null;
                }

                if (frame[0] == Iso14443.Rats && frame.Length == 4)
                {
                    _fsd = Iso14443.FrameSize(frame[1] >> 4);
                    _state = State.Protocol;
                    _blockNumber = 1; // Rule C
                    _command.Clear();
                    _response = null;
                    _pendingAfterWtx = null;
                    byte t0 = (byte)(0x70 | Fsci); // TA, TB and TC follow
                    byte ta = 0x00; // 106 kbit/s only
                    byte tb = (byte)((Fwi << 4) | 0x00);
                    byte tc = 0x02; // CID supported, NAD not
                    return WithCrc([0x00, t0, ta, tb, tc, 0x80, 0x31], Layer3Us * 10, fixTl: true);
                }

                _state = State.Idle;
                return null;
            case State.Protocol:
                return CrcOk(frame) ? HandleBlock(frame) : null;
            default:
                return null;
        }
    }

    private CardAnswer? HandleReady(byte[] frame)
    {
        int cascadeLevels = Uid.Length == 4 ? 1 : 2;
        byte expectedSel = (byte)(Iso14443.SelectCl1 + (2 * _level));
        if (frame.Length < 2 || frame[0] != expectedSel)
        {
            _state = State.Idle;
            return null;
        }

        byte[] part = UidPart(_level, cascadeLevels);
        byte bcc = (byte)(part[0] ^ part[1] ^ part[2] ^ part[3]);
        if (frame[1] == Iso14443.NvbAnticollision && frame.Length == 2)
        {
            return new CardAnswer([.. part, bcc], false, Layer3Us);
        }

        if (frame[1] == Iso14443.NvbSelect && frame.Length == 9 && CrcOk(frame))
        {
            for (int i = 0; i < 4; i++)
            {
                if (frame[2 + i] != part[i])
                {
                    return null;
                }
            }

            if (frame[6] != bcc)
            {
                return null;
            }

            bool last = _level == cascadeLevels - 1;
            _level++;
            if (last)
            {
                _state = State.Active;
                return WithCrc([Iso14443.SakIso14443_4], Layer3Us);
            }

            return WithCrc([Iso14443.SakCascade], Layer3Us);
        }

        return null;
    }

    private byte[] UidPart(int level, int levels)
    {
        if (levels == 1)
        {
            return [Uid[0], Uid[1], Uid[2], Uid[3]];
        }

        return level == 0
            ? [Iso14443.CascadeTag, Uid[0], Uid[1], Uid[2]]
            : [Uid[3], Uid[4], Uid[5], Uid[6]];
    }

    private CardAnswer? HandleBlock(byte[] frame)
    {
        int length = frame.Length - 2;
        byte pcb = frame[0];
        ReceivedPcbs.Add(pcb);
        if ((pcb & 0xE2) == 0x02 && (pcb & 0xC0) == 0x00)
        {
            _blockNumber ^= 1; // Rule D
            _command.AddRange(frame.AsSpan(1, length - 1).ToArray());
            if ((pcb & Iso14443.Chaining) != 0)
            {
                return Send([(byte)(Iso14443.RAck | _blockNumber)], 1000); // Rule 2
            }

            byte[] apdu = [.. _command];
            _command.Clear();
            ApduAnswer result = Application.Process(apdu);
            if (result.ProcessingUs > FwtUs)
            {
                // Rule 9: ask for more time instead of answering late.
                WtxRequests++;
                long wtxm = Math.Min(59, (result.ProcessingUs + FwtUs - 1) / FwtUs);
                _pendingAfterWtx = result;
                return Send([Iso14443.SWtx, (byte)wtxm], 1000);
            }

            return StartResponse(result.Response, result.ProcessingUs);
        }

        if ((pcb & 0xE6) == 0xA2)
        {
            bool nak = (pcb & 0x10) != 0;
            int number = pcb & 0x01;
            if (number == _blockNumber)
            {
                Retransmissions++;
                return new CardAnswer(_lastSent, true, 1000); // Rule 11
            }

            if (nak)
            {
                return Send([(byte)(Iso14443.RAck | _blockNumber)], 1000); // Rule 12
            }

            _blockNumber ^= 1; // Rule E
            if (_response != null && _responseSent < _response.Length)
            {
                return NextResponseBlock(1000); // Rule 13
            }

            return null;
        }

        if ((pcb & 0xF7) == Iso14443.SWtx && _pendingAfterWtx != null && length >= 2)
        {
            ApduAnswer pending = _pendingAfterWtx;
            _pendingAfterWtx = null;
            return StartResponse(pending.Response, pending.ProcessingUs - FwtUs);
        }

        if ((pcb & 0xF7) == Iso14443.SDeselect)
        {
            _state = State.Halt;
            return WithCrc([Iso14443.SDeselect], 1000);
        }

        return null;
    }

    private CardAnswer StartResponse(byte[] response, long processingUs)
    {
        _response = response;
        _responseSent = 0;
        return NextResponseBlock(Math.Max(500, processingUs));
    }

    private CardAnswer NextResponseBlock(long us)
    {
        byte[] response = _response!;
        int maxInf = _fsd - 3;
        int chunk = Math.Min(maxInf, response.Length - _responseSent);
        bool chaining = _responseSent + chunk < response.Length;
        byte[] block = new byte[chunk + 1];
        block[0] = (byte)(Iso14443.IBlock | _blockNumber | (chaining ? Iso14443.Chaining : 0));
        Array.Copy(response, _responseSent, block, 1, chunk);
        _responseSent += chunk;
        return Send(block, us);
    }

    private CardAnswer Send(byte[] blockWithoutCrc, long us) => WithCrc(blockWithoutCrc, us);

    private CardAnswer WithCrc(byte[] data, long us, bool fixTl = false)
    {
        if (fixTl)
        {
            data[0] = (byte)data.Length; // TL of the ATS counts itself, not the CRC
        }

        int crc = Iso14443.CrcA(data, 0, data.Length);
        byte[] frame = [.. data, (byte)crc, (byte)(crc >> 8)];
        _lastSent = frame;
        return new CardAnswer(frame, true, us);
    }

    private static bool CrcOk(byte[] frame)
    {
        if (frame.Length < 3)
        {
            return false;
        }

        int crc = Iso14443.CrcA(frame, 0, frame.Length - 2);
        return frame[^2] == (byte)crc && frame[^1] == (byte)(crc >> 8);
    }
}
