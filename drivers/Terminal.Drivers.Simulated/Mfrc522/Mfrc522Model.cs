using Terminal.Drivers.Contactless;
using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Contactless;

/// <summary>
/// The MFRC522 as its SPI pins see it: the register file, the 64-byte FIFO, the CRC coprocessor, the
/// timer and the Transceive command, with an antenna that reaches the <see cref="Iso14443Card"/> placed
/// in its field. Faults: CRC errors on card frames, lost frames, and a bus that returns garbage.
/// </summary>
public sealed class Mfrc522Model : ISpiDevice
{
    private const int FifoSize = 64;
    private readonly byte[] _registers = new byte[0x40];
    private readonly byte[] _fifo = new byte[FifoSize];
    private readonly System.Random _garbage;
    private int _fifoCount;
    private int _fifoRead;
    private int _dropAfter = -1;

    /// <summary>Creates the chip with <paramref name="version"/> in VersionReg (0x91 or 0x92 for real parts).</summary>
    public Mfrc522Model(byte version = 0x92, int seed = 1)
    {
        Version = version;
        _garbage = new System.Random(seed);
        ConnectionSettings = new SpiConnectionSettings(0, 0);
        Reset();
    }

    /// <inheritdoc />
    public SpiConnectionSettings ConnectionSettings { get; }

    /// <summary>The value of VersionReg.</summary>
    public byte Version { get; }

    /// <summary>The card in the field, or null (setting it replaces every card in the field).</summary>
    public Iso14443Card? Card
    {
        get => Cards.Count > 0 ? Cards[0] : null;
        set
        {
            Cards.Clear();
            if (value != null)
            {
                Cards.Add(value);
            }
        }
    }

    /// <summary>Every card in the field; with two or more, answers that differ collide on the air.</summary>
    public List<Iso14443Card> Cards { get; } = [];

    /// <summary>True while TxControlReg drives the antenna.</summary>
    public bool FieldOn => (_registers[Mfrc522Register.TxControlReg] & Mfrc522Bits.TxRfEnable) == Mfrc522Bits.TxRfEnable;

    /// <summary>Fault: every register read returns random bytes while set.</summary>
    public bool GarbageReads { get; set; }

    /// <summary>Fault: the CRC_A of this many coming card frames is corrupted on the air.</summary>
    public int CorruptNextResponses { get; set; }

    /// <summary>Fault: this many coming card frames are lost on the air.</summary>
    public int DropNextResponses { get; set; }

    /// <summary>Fault: lets <paramref name="answers"/> card answers through, then loses the next one on the air.</summary>
    public void DropAnswerAfter(int answers) => _dropAfter = answers;

    /// <summary>Frames the reader transmitted (every Transceive).</summary>
    public int FramesSent { get; private set; }

    /// <summary>SPI transactions seen.</summary>
    public int SpiTransfers { get; private set; }

    /// <summary>Timeout of the timer as programmed, in microseconds.</summary>
    public long TimerTimeoutUs
    {
        get
        {
            int prescaler = ((_registers[Mfrc522Register.TModeReg] & 0x0F) << 8) | _registers[Mfrc522Register.TPrescalerReg];
            int reload = (_registers[Mfrc522Register.TReloadRegH] << 8) | _registers[Mfrc522Register.TReloadRegL];
            return (long)(2 * prescaler + 1) * (reload + 1) * 100 / 1356; // 13.56 MHz clock
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count) => Transfer(buffer, offset, null, 0, count);

    /// <inheritdoc />
    public void Read(byte[] buffer, int offset, int count)
    {
        if (_zeros.Length < count)
        {
            _zeros = new byte[count];
        }

        Transfer(_zeros, 0, buffer, offset, count);
    }

    private byte[] _zeros = new byte[64];

    /// <inheritdoc />
    public void TransferFullDuplex(byte[] writeBuffer, int writeOffset, byte[] readBuffer, int readOffset, int count) =>
        Transfer(writeBuffer, writeOffset, readBuffer, readOffset, count);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Transfer(byte[] tx, int txOffset, byte[]? rx, int rxOffset, int count)
    {
        SpiTransfers++;
        if (count == 0)
        {
            return;
        }

        byte first = tx[txOffset];
        if ((first & 0x80) != 0)
        {
            // Read: each byte carries the next address while the previous one's value comes back.
            if (rx != null)
            {
                rx[rxOffset] = 0;
            }

            for (int i = 1; i < count; i++)
            {
                byte value = ReadRegister((byte)((tx[txOffset + i - 1] >> 1) & 0x3F));
                if (rx != null)
                {
                    rx[rxOffset + i] = value;
                }
            }

            return;
        }

        byte register = (byte)((first >> 1) & 0x3F);
        for (int i = 1; i < count; i++)
        {
            WriteRegister(register, tx[txOffset + i]);
        }

        if (rx != null)
        {
            Array.Clear(rx, rxOffset, count);
        }
    }

    private byte ReadRegister(byte register)
    {
        if (GarbageReads)
        {
            return (byte)_garbage.Next(256);
        }

        switch (register)
        {
            case Mfrc522Register.FIFODataReg:
                return _fifoRead < _fifoCount ? _fifo[_fifoRead++] : (byte)0;
            case Mfrc522Register.FIFOLevelReg:
                return (byte)(_fifoCount - _fifoRead);
            case Mfrc522Register.VersionReg:
                return Version;
            default:
                return _registers[register];
        }
    }

    private void WriteRegister(byte register, byte value)
    {
        switch (register)
        {
            case Mfrc522Register.CommandReg:
                _registers[register] = (byte)(value & 0x0F);
                RunCommand(value & 0x0F);
                break;
            case Mfrc522Register.ComIrqReg:
            case Mfrc522Register.DivIrqReg:
                // Set1 (bit 7) chooses whether the marked bits are set or cleared.
                _registers[register] = (value & 0x80) != 0
                    ? (byte)(_registers[register] | (value & 0x7F))
                    : (byte)(_registers[register] & ~(value & 0x7F));
                break;
            case Mfrc522Register.FIFODataReg:
                if (_fifoCount < FifoSize)
                {
                    _fifo[_fifoCount++] = value;
                }
                else
                {
                    _registers[Mfrc522Register.ErrorReg] |= Mfrc522Bits.BufferOvfl;
                }

                break;
            case Mfrc522Register.FIFOLevelReg:
                if ((value & Mfrc522Bits.FlushBuffer) != 0)
                {
                    _fifoCount = 0;
                    _fifoRead = 0;
                    _registers[Mfrc522Register.ErrorReg] &= unchecked((byte)~Mfrc522Bits.BufferOvfl);
                }

                break;
            case Mfrc522Register.BitFramingReg:
                _registers[register] = (byte)(value & 0x7F);
                if ((value & Mfrc522Bits.StartSend) != 0 && _registers[Mfrc522Register.CommandReg] == Mfrc522Command.Transceive)
                {
                    RunTransceive();
                }

                break;
            case Mfrc522Register.VersionReg:
                break;
            default:
                _registers[register] = value;
                break;
        }

        if (register == Mfrc522Register.TxControlReg && !FieldOn)
        {
            Card?.PowerOff();
        }
    }

    private void RunCommand(int command)
    {
        switch (command)
        {
            case Mfrc522Command.SoftReset:
                Reset();
                break;
            case Mfrc522Command.CalcCRC:
                int crc = Iso14443.CrcA(_fifo, _fifoRead, _fifoCount - _fifoRead);
                _fifoCount = 0;
                _fifoRead = 0;
                _registers[Mfrc522Register.CRCResultRegL] = (byte)crc;
                _registers[Mfrc522Register.CRCResultRegH] = (byte)(crc >> 8);
                _registers[Mfrc522Register.DivIrqReg] |= Mfrc522Bits.CRCIRq;
                _registers[Mfrc522Register.CommandReg] = Mfrc522Command.Idle;
                break;
        }
    }

    private void RunTransceive()
    {
        FramesSent++;
        if (!FieldOn || Cards.Count == 0)
        {
            // Nobody to answer (the idle polling case): time out without building a frame, so the
            // model adds nothing to the firmware's allocation figures.
            _fifoCount = 0;
            _fifoRead = 0;
            _registers[Mfrc522Register.ErrorReg] = 0;
            _registers[Mfrc522Register.ComIrqReg] |= Mfrc522Bits.TxIRq | Mfrc522Bits.TimerIRq;
            return;
        }

        TransceiveWithCards();
    }

    // A separate method: its lambda's closure is allocated on entry, so the idle path above stays allocation-free.
    private void TransceiveWithCards()
    {
        byte[] frame = new byte[_fifoCount - _fifoRead];
        Array.Copy(_fifo, _fifoRead, frame, 0, frame.Length);
        _fifoCount = 0;
        _fifoRead = 0;
        _registers[Mfrc522Register.ErrorReg] = 0;
        if ((_registers[Mfrc522Register.TxModeReg] & Mfrc522Bits.CrcEnable) != 0)
        {
            int crc = Iso14443.CrcA(frame, 0, frame.Length);
            frame = [.. frame, (byte)crc, (byte)(crc >> 8)];
        }

        int lastBits = _registers[Mfrc522Register.BitFramingReg] & 0x07;
        _registers[Mfrc522Register.ComIrqReg] |= Mfrc522Bits.TxIRq;
        CardAnswer? answer = FieldOn ? Combine([.. Cards.Select(c => c.Receive(frame, lastBits)).OfType<CardAnswer>()]) : null;
        if (answer != null && DropNextResponses > 0)
        {
            DropNextResponses--;
            answer = null;
        }

        if (answer != null && _dropAfter >= 0 && _dropAfter-- == 0)
        {
            answer = null;
        }

        if (answer == null || answer.ResponseUs > TimerTimeoutUs)
        {
            _registers[Mfrc522Register.ComIrqReg] |= Mfrc522Bits.TimerIRq;
            return;
        }

        byte[] data = answer.Data;
        if (CorruptNextResponses > 0 && answer.HasCrc)
        {
            CorruptNextResponses--;
            data = (byte[])data.Clone();
            data[^1] ^= 0x5A;
        }

        if ((_registers[Mfrc522Register.RxModeReg] & Mfrc522Bits.CrcEnable) != 0 && answer.HasCrc)
        {
            int crc = Iso14443.CrcA(data, 0, data.Length - 2);
            if (data[^2] != (byte)crc || data[^1] != (byte)(crc >> 8))
            {
                _registers[Mfrc522Register.ErrorReg] |= Mfrc522Bits.CRCErr;
            }

            data = data[..^2];
        }

        int n = Math.Min(data.Length, FifoSize);
        Array.Copy(data, _fifo, n);
        _fifoCount = n;
        if (data.Length > FifoSize)
        {
            _registers[Mfrc522Register.ErrorReg] |= Mfrc522Bits.BufferOvfl;
        }

        if (answer.CollisionBit > 0)
        {
            // CollReg: CollPos is the bit of the first collision (1..32), CollPosNotValid (bit 5) clear.
            _registers[Mfrc522Register.ErrorReg] |= Mfrc522Bits.CollErr;
            _registers[Mfrc522Register.CollReg] = (byte)((_registers[Mfrc522Register.CollReg] & 0x80) | (answer.CollisionBit & 0x1F));
        }

        _registers[Mfrc522Register.ControlReg] = (byte)((_registers[Mfrc522Register.ControlReg] & 0xF8) | answer.LastBits);
        _registers[Mfrc522Register.ComIrqReg] |= Mfrc522Bits.RxIRq;
        if (_registers[Mfrc522Register.ErrorReg] != 0)
        {
            _registers[Mfrc522Register.ComIrqReg] |= Mfrc522Bits.ErrIRq;
        }
    }

    /// <summary>Answers of several cards on the air: identical bits add up, the first differing bit is a collision.</summary>
    private static CardAnswer? Combine(CardAnswer[] answers)
    {
        if (answers.Length <= 1)
        {
            return answers.Length == 1 ? answers[0] : null;
        }

        CardAnswer first = answers[0];
        for (int bit = 0; bit < first.Data.Length * 8; bit++)
        {
            int value = (first.Data[bit / 8] >> (bit % 8)) & 1;
            foreach (CardAnswer other in answers)
            {
                int otherValue = bit / 8 < other.Data.Length ? (other.Data[bit / 8] >> (bit % 8)) & 1 : value ^ 1;
                if (otherValue != value)
                {
                    return first with { CollisionBit = bit + 1 };
                }
            }
        }

        return first;
    }

    private void Reset()
    {
        Array.Clear(_registers);
        _registers[Mfrc522Register.CommandReg] = 0x20;
        _registers[Mfrc522Register.ComIEnReg] = 0x80;
        _registers[Mfrc522Register.ComIrqReg] = 0x14;
        _registers[Mfrc522Register.ModeReg] = 0x3F;
        _registers[Mfrc522Register.TxControlReg] = 0x80;
        _registers[Mfrc522Register.TxASKReg] = 0x00;
        _registers[Mfrc522Register.RFCfgReg] = 0x48;
        _fifoCount = 0;
        _fifoRead = 0;
        Card?.PowerOff();
    }
}

/// <summary>What a card sends back for one frame: bytes as on the air (CRC_A included where the protocol has it).</summary>
/// <param name="Data">The frame.</param>
/// <param name="HasCrc">Whether the last two bytes are CRC_A.</param>
/// <param name="ResponseUs">Time from the end of the reader's frame to the card's answer.</param>
/// <param name="LastBits">Valid bits of the last byte (0 = all 8).</param>
/// <param name="CollisionBit">1-based position of the first bit where two cards' answers differed (0: none).</param>
public sealed record CardAnswer(byte[] Data, bool HasCrc, long ResponseUs, int LastBits = 0, int CollisionBit = 0);
