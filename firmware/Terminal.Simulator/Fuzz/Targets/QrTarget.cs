using Terminal.Core.Payments;
using Terminal.Drivers.QrScanner;
using Terminal.Hal;

namespace Terminal.Simulator.Fuzz.Targets;

/// <summary>
/// qr: what the QR engine sends on its UART (command replies, code lines) into the GM65 driver, armed for a
/// scan, in chunks with time passing; each code it completes goes where the scan screen puts it:
/// TakeCode into the request's 32-byte code buffer, PaymentCode.Classify and the masked code. Invariants: a
/// taken code fits the buffer, and a code that is shown is masked.
/// </summary>
internal sealed class QrTarget : FuzzTarget
{
    private static readonly string[] Codes =
    [
        "134567890123456789", "284567890123456789", "6212345678901234567", "104567890123456789", "6298765432109876543",
        "254567890123456789012345", "https://qr.alipay.com/bax01234", "EINV;TID=12345678;AMT=4321;RRN=251125103000;INV=000001;",
    ];

    private readonly List<byte[]> _seeds = [];
    private readonly List<int[]> _lengths = [];

    public QrTarget()
    {
        byte[] ack = Ack();
        foreach (string code in Codes)
        {
            byte[] line = System.Text.Encoding.ASCII.GetBytes(code + "\r\n");
            _seeds.Add([.. ack, .. ack, .. line]);
            _lengths.Add([3, ack.Length + 3]);
            _seeds.Add([.. line, .. ack, .. line]);
            _lengths.Add([line.Length + 3]);
        }
    }

    public override string Name => "qr";

    public override string Feeds => "GM65 command replies and scanned code lines (each wallet's codes, a URL, an e-invoice) into the Gm65Scanner driver, then TakeCode into CardData.Code, PaymentCode.Classify, MaskedCode";

    public override IReadOnlyList<byte[]> Seeds => _seeds;

    public override int MaxInput => 1024;

    public override IReadOnlyList<int> LengthFields(int seed) => _lengths[seed];

    // A reply frame's CRC made right again.
    public override int Seal(byte[] input, int length)
    {
        for (int at = 0; at + 4 <= length; at++)
        {
            if (input[at] == 0x02 && input[at + 1] == 0x00)
            {
                int end = at + 4 + input[at + 3];
                if (end + 2 <= length)
                {
                    int crc = Gm65Scanner.Crc16(input, at + 2, 2 + input[at + 3]);
                    input[end] = (byte)(crc >> 8);
                    input[end + 1] = (byte)crc;
                    at = end + 1;
                }
            }
        }

        return length;
    }

    public override void Feed(byte[] input, int length)
    {
        var port = new ScriptedPort(input, length);
        var sink = new ScanSink();
        using var scanner = new Gm65Scanner(port);
        scanner.Start(sink);
        scanner.Trigger();
        var card = new CardData();
        long now = 0;
        for (int step = 0; step < 400 && (port.Left > 0 || step < 60); step++)
        {
            port.Allow = 1 + ((step * 13) + length) % 48;
            now += 3 + (step % 7 == 0 ? 120 : 0);
            scanner.Poll(now);
            while (sink.Take(out int arg))
            {
                // PresentScreen (the sale's card screen): the code into the request's buffer, classified, shown masked.
                card.Wipe();
                int n = arg >= 0 ? scanner.TakeCode(card.Code, 0, card.Code.Length) : -1;
                Check(n <= card.Code.Length, "TakeCode reported " + n + " bytes into a 32-byte buffer");
                PaymentCodeKind kind = n > 0 ? PaymentCode.Classify(card.Code, 0, n) : PaymentCodeKind.Unknown;
                if (kind != PaymentCodeKind.Unknown)
                {
                    card.CodeLength = n;
                    string masked = card.MaskedCode();
                    Check(masked.Length == n && masked.Contains('*', StringComparison.Ordinal), "a payment code is shown whole");
                }

                card.Wipe();
                scanner.Trigger();
            }
        }
    }

    private static byte[] Ack()
    {
        byte[] reply = [0x02, 0x00, 0x00, 0x01, 0x00, 0, 0];
        int crc = Gm65Scanner.Crc16(reply, 2, 3);
        reply[^2] = (byte)(crc >> 8);
        reply[^1] = (byte)crc;
        return reply;
    }

    private sealed class ScanSink : IEventSink
    {
        private readonly Queue<int> _codes = new();

        public bool Post(EventKind kind, int code, int arg, EventPriority priority)
        {
            if (kind == EventKind.ScanComplete)
            {
                _codes.Enqueue(arg);
            }

            return true;
        }

        public bool Take(out int arg) => _codes.TryDequeue(out arg);
    }

    // The engine's end of the UART: gives the input a few bytes per poll; what the driver writes is dropped.
    private sealed class ScriptedPort(byte[] input, int length) : ISerialPort
    {
        private int _at;

        public int Allow { get; set; } = 1;

        public int Left => length - _at;

        public string PortName => "COM3";

        public int BaudRate => 9600;

        public Handshake Handshake { get; set; }

        public bool IsOpen { get; private set; }

        public int BytesToRead => Math.Min(Allow, Left);

        public int ReadTimeout { get; set; }

        public int WriteTimeout { get; set; }

        public byte WatchChar { get; set; }

        public bool CanSend => true;

        public void Open() => IsOpen = true;

        public void Close() => IsOpen = false;

        public int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, Allow), Left);
            Array.Copy(input, _at, buffer, offset, n);
            _at += n;
            Allow -= n;
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
        }

        public void SetDataReceivedHandler(SerialDataReceivedHandler? handler)
        {
        }

        public void Dispose()
        {
        }
    }
}
