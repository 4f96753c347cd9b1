using System.Text;
using Terminal.Drivers.QrScanner;
using Terminal.Drivers.Simulated.Imaging;
using Terminal.Drivers.Simulated.Serial;

namespace Terminal.Drivers.Simulated.QrScanner;

/// <summary>
/// A GM65 scan engine at the far end of a serial cable: it answers zone-bit read/write/save frames (CRC
/// checked, or the AB CD wildcard; a bad frame gets no answer, as on the real engine), scans in command
/// mode when zone 0x0002 is written and in continuous mode whenever a code is in view, and sends what it
/// decodes (text, or a PNG decoded with ZXing.Net) followed by CR. Faults: noise, a code cut short.
/// </summary>
public sealed class Gm65Model
{
    private readonly SimulatedSerialPort _port;
    private readonly byte[] _zones = new byte[0x100];
    private readonly List<byte> _pending = [];
    private readonly byte[] _buffer = new byte[256];
    private string? _inView;

    /// <summary>Attaches the engine to the device end of a serial cable.</summary>
    public Gm65Model(SimulatedSerialPort devicePort)
    {
        _port = devicePort;
        _zones[0] = 0x14; // factory default: manual (button) mode
        _port.Open();
        _port.SetDataReceivedHandler((_, _) => OnData());
    }

    /// <summary>The zone bits (configuration memory).</summary>
    public IReadOnlyList<byte> Zones => _zones;

    /// <summary>Read mode from zone 0x0000 bits 1-0: 0 manual, 1 command, 2 continuous, 3 sensor.</summary>
    public int Mode => _zones[0] & 0x03;

    /// <summary>Whether a command-mode scan is running.</summary>
    public bool ScanActive { get; private set; }

    /// <summary>Command frames answered.</summary>
    public int FramesAnswered { get; private set; }

    /// <summary>Command frames ignored (bad CRC or format).</summary>
    public int FramesIgnored { get; private set; }

    /// <summary>Codes sent to the host.</summary>
    public List<string> CodesSent { get; } = [];

    /// <summary>Holds a code (its text) in front of the engine; it is read when the engine scans.</summary>
    public void Present(string text)
    {
        _inView = text;
        TryRead();
    }

    /// <summary>Holds an image in front of the engine; its QR code is decoded with ZXing.Net. Returns false when none is found.</summary>
    public bool PresentImage(byte[] encodedImage)
    {
        string? text = QrImage.Decode(encodedImage);
        if (text == null)
        {
            return false;
        }

        Present(text);
        return true;
    }

    /// <summary>Fault: bytes of line noise.</summary>
    public void SendNoise(byte[] noise) => _port.Write(noise, 0, noise.Length);

    /// <summary>Fault: the first <paramref name="length"/> characters of a code and then nothing (no CR).</summary>
    public void SendCutShort(string text, int length) => Send(Encoding.ASCII.GetBytes(text[..length]));

    /// <summary>Sends raw bytes as the engine's output (for codes arriving in pieces).</summary>
    public void Send(byte[] bytes) => _port.Write(bytes, 0, bytes.Length);

    private void TryRead()
    {
        bool scanning = Mode == 2 || (Mode == 1 && ScanActive);
        if (_inView == null || !scanning)
        {
            return;
        }

        string text = _inView;
        _inView = null;
        ScanActive = false;
        CodesSent.Add(text);
        Send([.. Encoding.ASCII.GetBytes(text), 0x0D]);
    }

    private void OnData()
    {
        int n;
        while ((n = _port.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            _pending.AddRange(_buffer.AsSpan(0, n).ToArray());
        }

        while (true)
        {
            int start = _pending.IndexOf(0x7E);
            if (start < 0)
            {
                _pending.Clear();
                return;
            }

            _pending.RemoveRange(0, start);

            // 7E 00 | type | lens | address (2) | data (1 for read, lens for write) | CRC (2)
            if (_pending.Count < 6)
            {
                return;
            }

            int type = _pending[2];
            int lens = _pending[3] == 0 ? 256 : _pending[3];
            int dataLength = type == 0x08 ? lens : 1;
            int total = 6 + dataLength + 2;
            if (_pending.Count < total)
            {
                return;
            }

            byte[] frame = [.. _pending.Take(total)];
            _pending.RemoveRange(0, total);
            Handle(frame);
        }
    }

    private void Handle(byte[] frame)
    {
        int crc = Gm65Scanner.Crc16(frame, 2, frame.Length - 4);
        bool wildcard = frame[^2] == 0xAB && frame[^1] == 0xCD;
        bool crcOk = frame[^2] == (byte)(crc >> 8) && frame[^1] == (byte)crc;
        int address = (frame[4] << 8) | frame[5];
        if (frame[1] != 0x00 || !(crcOk || wildcard) || address >= _zones.Length)
        {
            FramesIgnored++;
            return;
        }

        FramesAnswered++;
        switch (frame[2])
        {
            case 0x07:
                int count = frame[6] == 0 ? 256 : frame[6];
                byte[] data = [.. _zones.Skip(address).Take(count)];
                Reply(data);
                break;
            case 0x08:
                for (int i = 0; i < frame.Length - 8; i++)
                {
                    _zones[(address + i) & 0xFF] = frame[6 + i];
                }

                Reply([0x00]);
                if (address <= 0x0002 && address + frame.Length - 8 > 0x0002)
                {
                    ScanActive = (_zones[2] & 0x01) != 0;
                }

                TryRead();
                break;
            case 0x09:
                Reply([0x00]);
                break;
            default:
                FramesAnswered--;
                FramesIgnored++;
                break;
        }
    }

    private void Reply(byte[] data)
    {
        // 02 00 | 00 (success) | lens | data | CRC over type..data
        byte[] reply = [0x02, 0x00, 0x00, (byte)data.Length, .. data, 0, 0];
        int crc = Gm65Scanner.Crc16(reply, 2, 2 + data.Length);
        reply[^2] = (byte)(crc >> 8);
        reply[^1] = (byte)crc;
        _port.Write(reply, 0, reply.Length);
    }
}
