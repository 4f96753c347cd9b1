using System.Text;
using Terminal.Drivers.Simulated.Serial;

namespace Terminal.Drivers.Simulated.Printer;

/// <summary>An ESC/POS byte the printer model does not understand: a driver bug, reported with its offset.</summary>
public sealed class EscPosProtocolException(string message) : Exception(message);

/// <summary>What came out on the paper, in order.</summary>
public enum PaperItemKind
{
    /// <summary>A line of text.</summary>
    Text,
    /// <summary>A QR code printed from GS ( k.</summary>
    Qr,
    /// <summary>A stored logo (FS p) or raster image (GS v 0).</summary>
    Image,
    /// <summary>Blank paper fed.</summary>
    Feed,
    /// <summary>A cut.</summary>
    Cut,
}

/// <summary>One printed item.</summary>
public sealed record PaperItem(PaperItemKind Kind, string Text, bool Bold, int Align, int WidthMultiplier, int HeightMultiplier, bool Inverse, int HeightDots)
{
    /// <summary>Dots of a QR code or image (true = black), [row][column].</summary>
    public bool[][]? Dots { get; init; }

    /// <summary>Module size in dots of a QR code.</summary>
    public int ModuleSize { get; init; } = 1;
}

/// <summary>
/// An ESC/POS thermal printer at the far end of a serial cable: interprets the byte stream (ESC @, ESC E,
/// ESC a, ESC d, GS !, GS B, GS V, GS v 0, GS ( k QR functions, FS &amp; / FS . with GB18030 text, FS p
/// stored logos), answers DLE EOT 1/2/4, runs out of paper (a line that does not fit is refused and the
/// printer stops until paper is loaded), has a cover, and renders the paper to text and PNG. It keeps every
/// byte it receives and splits the paper into <see cref="Documents"/> at each cut that reaches the paper.
/// An unknown command throws <see cref="EscPosProtocolException"/> naming the byte offset.
/// </summary>
public sealed class EscPosPrinterModel
{
    private const int LineSpacingDots = 6;
    private const int FontHeightDots = 24;
    private const int FontWidthDots = 12;

    private static readonly Encoding Gb18030 = CreateGb18030();

    private readonly SimulatedSerialPort _port;
    private readonly List<byte> _pending = [];
    private readonly StringBuilder _line = new();
    private readonly Dictionary<int, bool[][]> _logos = [];
    private readonly byte[] _readBuffer = new byte[256];
    private readonly List<byte> _received = [];
    private readonly List<PrintedDocument> _documents = [];
    private long _documentStart = -1;
    private int _documentFirstItem;
    private int _documentRefusedAtStart;
    private bool _cutPrinted;
    private long _pendingOffset;
    private bool _bold;
    private int _align;
    private int _widthMultiplier = 1;
    private int _heightMultiplier = 1;
    private bool _inverse;
    private bool _chinese;
    private int _qrModuleSize = 3;
    private char _qrErrorLevel = 'M';
    private byte[] _qrData = [];
    private bool _paperEndStop;
    private bool _errorStop;

    /// <summary>Attaches the printer to the device end of a serial cable.</summary>
    public EscPosPrinterModel(SimulatedSerialPort devicePort, int widthDots = 384)
    {
        _port = devicePort;
        WidthDots = widthDots;
        _port.Open();
        _port.SetDataReceivedHandler((_, _) => OnData());
    }

    /// <summary>Printable width in dots.</summary>
    public int WidthDots { get; }

    /// <summary>Columns of the 12x24 font.</summary>
    public int Columns => WidthDots / FontWidthDots;

    /// <summary>Paper left on the roll, in dots (8 dots per mm).</summary>
    public long PaperRemainingDots { get; set; } = 1_000_000;

    /// <summary>Below this the paper near-end sensor trips.</summary>
    public long NearEndDots { get; set; } = 2400;

    /// <summary>Whether the cover is open.</summary>
    public bool CoverOpen { get; private set; }

    /// <summary>What has been printed.</summary>
    public List<PaperItem> Paper { get; } = [];

    /// <summary>Bytes received so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Printable items refused because of paper end or an open cover.</summary>
    public int Refused { get; private set; }

    /// <summary>Notes about things a real printer would silently ignore (an undefined logo).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Every byte received so far, in order (real-time DLE EOT requests included).</summary>
    public IReadOnlyList<byte> Received => _received;

    /// <summary>The documents printed so far: each one piece of paper ending in a cut, oldest first.</summary>
    public IReadOnlyList<PrintedDocument> Documents => _documents;

    /// <summary>Items printed since the last cut: a document still being printed (or never cut).</summary>
    public IReadOnlyList<PaperItem> UncutItems => Paper.GetRange(_documentFirstItem, Paper.Count - _documentFirstItem);

    /// <summary>Raised when a cut reaches the paper and closes a document.</summary>
    public event Action<PrintedDocument>? DocumentPrinted;

    /// <summary>The documents from number <paramref name="index"/> (0-based) on: what was printed since a caller last looked.</summary>
    public IReadOnlyList<PrintedDocument> DocumentsSince(int index) =>
        index >= _documents.Count ? [] : _documents.GetRange(Math.Max(0, index), _documents.Count - Math.Max(0, index));

    /// <summary>The printed text lines, in order.</summary>
    public IEnumerable<string> TextLines => Paper.Where(p => p.Kind == PaperItemKind.Text).Select(p => p.Text);

    /// <summary>Defines NV logo <paramref name="id"/> as an image (rows of dots).</summary>
    public void StoreLogo(int id, bool[][] dots) => _logos[id] = dots;

    /// <summary>Loads a fresh roll; a paper-end stop recovers.</summary>
    public void LoadPaper(long dots = 1_000_000)
    {
        PaperRemainingDots = dots;
        _paperEndStop = false;
    }

    /// <summary>Opens the cover: lines sent now are refused.</summary>
    public void OpenCover() => CoverOpen = true;

    /// <summary>Closes the cover; the error it caused recovers by itself.</summary>
    public void CloseCover()
    {
        CoverOpen = false;
        _errorStop = false;
    }

    /// <summary>Sends XOFF (buffer full) to the host.</summary>
    public void HoldOff() => _port.Write([0x13], 0, 1);

    /// <summary>Sends XON to the host.</summary>
    public void Release() => _port.Write([0x11], 0, 1);

    /// <summary>The paper as text: lines aligned within the columns, other items as bracketed notes.</summary>
    public string RenderText() => EscPosPaperRenderer.RenderText(Paper, Columns);

    /// <summary>The paper as a PNG image, one pixel per dot.</summary>
    public byte[] RenderPng() => EscPosPaperRenderer.RenderPng(Paper, WidthDots);

    private void OnData()
    {
        int n;
        while ((n = _port.Read(_readBuffer, 0, _readBuffer.Length)) > 0)
        {
            BytesReceived += n;
            _pending.AddRange(_readBuffer.AsSpan(0, n).ToArray());
            _received.AddRange(_readBuffer.AsSpan(0, n).ToArray());
        }

        int position = 0;
        while (position < _pending.Count)
        {
            long offset = _pendingOffset + position;
            bool realTime = _pending[position] == 0x10;
            int used = Interpret(position);
            if (used == 0)
            {
                break; // an incomplete command: wait for the rest
            }

            // A document starts at its first command; DLE EOT requests between documents belong to neither.
            if (_documentStart < 0 && !realTime)
            {
                _documentStart = offset;
                _documentRefusedAtStart = Refused;
            }

            position += used;
            if (_cutPrinted)
            {
                _cutPrinted = false;
                CloseDocument(offset + used);
            }
        }

        _pending.RemoveRange(0, position);
        _pendingOffset += position;
    }

    private int Available(int position) => _pending.Count - position;

    private byte At(int position) => _pending[position];

    private EscPosProtocolException Unknown(int position, int length)
    {
        string bytes = string.Join(' ', _pending.Skip(position).Take(length).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        return new EscPosProtocolException($"unknown ESC/POS command {bytes} at byte offset {_pendingOffset + position}");
    }

    /// <summary>Interprets the command at <paramref name="p"/>; returns bytes used, or 0 when more bytes are needed.</summary>
    private int Interpret(int p)
    {
        byte b = At(p);
        switch (b)
        {
            case 0x0A:
                PrintLine();
                return 1;
            case 0x10:
                return RealTime(p);
            case 0x1B:
                return Esc(p);
            case 0x1D:
                return Gs(p);
            case 0x1C:
                return Fs(p);
            default:
                if (b < 0x20)
                {
                    throw Unknown(p, 1);
                }

                if (_chinese && b >= 0x81)
                {
                    // GB18030: two bytes, or four when the second is a digit.
                    if (Available(p) < 2)
                    {
                        return 0;
                    }

                    int length = At(p + 1) is >= 0x30 and <= 0x39 ? 4 : 2;
                    if (Available(p) < length)
                    {
                        return 0;
                    }

                    AddText(p, length);
                    return length;
                }

                AddText(p, 1);
                return 1;
        }
    }

    private void AddText(int p, int length)
    {
        byte[] bytes = [.. _pending.Skip(p).Take(length)];
        if (!_chinese)
        {
            _line.Append(bytes[0] < 0x80 ? (char)bytes[0] : '?');
            return;
        }

        try
        {
            _line.Append(Gb18030.GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            throw new EscPosProtocolException($"invalid GB18030 character {Convert.ToHexString(bytes)} at byte offset {_pendingOffset + p}");
        }
    }

    private int RealTime(int p)
    {
        if (Available(p) < 3)
        {
            return 0;
        }

        if (At(p + 1) != 0x04)
        {
            throw Unknown(p, 2);
        }

        byte status = 0x12;
        switch (At(p + 2))
        {
            case 1:
                status |= (byte)(Stopped ? 0x08 : 0x00);
                break;
            case 2:
                status |= (byte)((CoverOpen ? 0x04 : 0) | (_paperEndStop ? 0x20 : 0) | (_errorStop ? 0x40 : 0));
                break;
            case 4:
                status |= (byte)((PaperRemainingDots < NearEndDots ? 0x0C : 0) | (PaperRemainingDots <= 0 ? 0x60 : 0));
                break;
            default:
                throw Unknown(p, 3);
        }

        _port.Write([status], 0, 1);
        return 3;
    }

    private bool Stopped => _paperEndStop || _errorStop || CoverOpen;

    private int Esc(int p)
    {
        if (Available(p) < 2)
        {
            return 0;
        }

        byte command = At(p + 1);
        if (command == (byte)'@')
        {
            _bold = false;
            _align = 0;
            _widthMultiplier = 1;
            _heightMultiplier = 1;
            _inverse = false;
            _chinese = false;
            _line.Clear();
            return 2;
        }

        if (Available(p) < 3)
        {
            return 0;
        }

        byte n = At(p + 2);
        switch ((char)command)
        {
            case 'E':
                _bold = (n & 1) != 0;
                return 3;
            case 'a':
                _align = n is 0 or 48 ? 0 : n is 1 or 49 ? 1 : n is 2 or 50 ? 2 : throw Unknown(p, 3);
                return 3;
            case 'd':
                PrintItem(new PaperItem(PaperItemKind.Feed, "", false, 0, 1, 1, false, n * (FontHeightDots + LineSpacingDots)));
                return 3;
            default:
                throw Unknown(p, 2);
        }
    }

    private int Gs(int p)
    {
        if (Available(p) < 3)
        {
            return 0;
        }

        char command = (char)At(p + 1);
        byte n = At(p + 2);
        switch (command)
        {
            case '!':
                _widthMultiplier = (n >> 4) + 1;
                _heightMultiplier = (n & 0x0F) + 1;
                return 3;
            case 'B':
                _inverse = (n & 1) != 0;
                return 3;
            case 'V':
                if (n is 0 or 1 or 48 or 49)
                {
                    PrintItem(new PaperItem(PaperItemKind.Cut, n is 0 or 48 ? "full" : "partial", false, 0, 1, 1, false, 0));
                    return 3;
                }

                throw Unknown(p, 3);
            case '(':
                return QrFunction(p);
            case 'v':
                return Raster(p);
            default:
                throw Unknown(p, 2);
        }
    }

    private int Fs(int p)
    {
        if (Available(p) < 2)
        {
            return 0;
        }

        switch ((char)At(p + 1))
        {
            case '&':
                _chinese = true;
                return 2;
            case '.':
                _chinese = false;
                return 2;
            case 'p':
                if (Available(p) < 4)
                {
                    return 0;
                }

                int id = At(p + 2);
                if (_logos.TryGetValue(id, out bool[][]? dots))
                {
                    PrintItem(new PaperItem(PaperItemKind.Image, "logo " + id, false, _align, 1, 1, false, dots.Length) { Dots = dots });
                }
                else
                {
                    Warnings.Add($"FS p {id}: no such logo in NV memory (byte offset {_pendingOffset + p})");
                }

                return 4;
            default:
                throw Unknown(p, 2);
        }
    }

    private int QrFunction(int p)
    {
        // GS ( k pL pH cn fn ...
        if (Available(p) < 5)
        {
            return 0;
        }

        if (At(p + 2) != (byte)'k')
        {
            throw Unknown(p, 3);
        }

        int parameters = At(p + 3) | (At(p + 4) << 8);
        int total = 5 + parameters;
        if (Available(p) < total)
        {
            return 0;
        }

        if (parameters < 2 || At(p + 5) != 0x31)
        {
            throw Unknown(p, Math.Min(total, 8));
        }

        byte fn = At(p + 6);
        switch (fn)
        {
            case 0x41: // model
                if (At(p + 7) is not (0x31 or 0x32))
                {
                    throw Unknown(p, total);
                }

                break;
            case 0x43: // module size
                _qrModuleSize = Math.Clamp((int)At(p + 7), 1, 16);
                break;
            case 0x45: // error correction 48..51
                _qrErrorLevel = At(p + 7) switch { 48 => 'L', 49 => 'M', 50 => 'Q', 51 => 'H', _ => throw Unknown(p, total) };
                break;
            case 0x50: // store
                _qrData = [.. _pending.Skip(p + 8).Take(parameters - 3)];
                break;
            case 0x51: // print
                PrintQr();
                break;
            default:
                throw Unknown(p, total);
        }

        return total;
    }

    private int Raster(int p)
    {
        // GS v 0 m xL xH yL yH d1...dk
        if (Available(p) < 8)
        {
            return 0;
        }

        if (At(p + 2) != (byte)'0' || At(p + 3) is not (0 or 48))
        {
            throw Unknown(p, 4);
        }

        int widthBytes = At(p + 4) | (At(p + 5) << 8);
        int height = At(p + 6) | (At(p + 7) << 8);
        int total = 8 + (widthBytes * height);
        if (Available(p) < total)
        {
            return 0;
        }

        var dots = new bool[height][];
        for (int y = 0; y < height; y++)
        {
            dots[y] = new bool[widthBytes * 8];
            for (int x = 0; x < widthBytes * 8; x++)
            {
                dots[y][x] = (At(p + 8 + (y * widthBytes) + (x / 8)) & (0x80 >> (x % 8))) != 0;
            }
        }

        PrintItem(new PaperItem(PaperItemKind.Image, "raster", false, _align, 1, 1, false, height) { Dots = dots });
        return total;
    }

    private void PrintLine()
    {
        string text = _line.ToString();
        _line.Clear();
        int height = (FontHeightDots * _heightMultiplier) + LineSpacingDots;
        PrintItem(new PaperItem(PaperItemKind.Text, text, _bold, _align, _widthMultiplier, _heightMultiplier, _inverse, height));
    }

    private void PrintQr()
    {
        if (_qrData.Length == 0)
        {
            Warnings.Add("GS ( k print with no stored QR data");
            return;
        }

        var level = _qrErrorLevel switch
        {
            'L' => QRCoder.QRCodeGenerator.ECCLevel.L,
            'Q' => QRCoder.QRCodeGenerator.ECCLevel.Q,
            'H' => QRCoder.QRCodeGenerator.ECCLevel.H,
            _ => QRCoder.QRCodeGenerator.ECCLevel.M,
        };
        string data = Encoding.ASCII.GetString(_qrData);
        using var generator = new QRCoder.QRCodeGenerator();
        using QRCoder.QRCodeData code = generator.CreateQrCode(data, level);
        bool[][] modules = [.. code.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())];
        PrintItem(new PaperItem(PaperItemKind.Qr, data, false, _align, 1, 1, false, modules.Length * _qrModuleSize)
        {
            Dots = modules,
            ModuleSize = _qrModuleSize,
        });
    }

    private void PrintItem(PaperItem item)
    {
        if (Stopped)
        {
            Refused++;
            if (CoverOpen)
            {
                _errorStop = true;
            }

            return;
        }

        if (item.HeightDots > PaperRemainingDots)
        {
            // Not enough paper for the whole item: the roll runs out while feeding, nothing is printed, and
            // the printer stops until paper is loaded.
            Refused++;
            _paperEndStop = true;
            PaperRemainingDots = 0;
            return;
        }

        PaperRemainingDots -= item.HeightDots;
        Paper.Add(item);
        _cutPrinted |= item.Kind == PaperItemKind.Cut;
    }

    private void CloseDocument(long endOffset)
    {
        long start = _documentStart < 0 ? endOffset : _documentStart;
        byte[] bytes = [.. _received.GetRange((int)start, (int)(endOffset - start))];
        var document = new PrintedDocument(
            _documents.Count, start, bytes, Paper.GetRange(_documentFirstItem, Paper.Count - _documentFirstItem), Refused - _documentRefusedAtStart, WidthDots);
        _documents.Add(document);
        _documentStart = -1;
        _documentFirstItem = Paper.Count;
        DocumentPrinted?.Invoke(document);
    }

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
