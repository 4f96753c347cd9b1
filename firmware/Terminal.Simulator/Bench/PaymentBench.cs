using Terminal.Core.App;
using Terminal.Core.Flows;
using Terminal.Core.Host;
using Terminal.Core.Messages.Iso8583;
using Terminal.Core.Messages.Mac;
using Terminal.Core.Messages.WireTrace;
using Terminal.Core.Payments;
using Terminal.Core.Runtime;
using Terminal.Core.Security;
using Terminal.Core.Update;
using Terminal.Drivers.Crypto;
using Terminal.Drivers.Display;
using Terminal.Drivers.Printer;
using Terminal.Drivers.Simulated.Clock;
using Terminal.Drivers.Simulated.Keys;
using Terminal.Drivers.Simulated.Random;
using Terminal.Drivers.Simulated.Storage;
using Terminal.Firmware;
using Terminal.Hal;
using Terminal.Simulator.Board;
using JournalLog = Terminal.Core.Journal.Journal;

namespace Terminal.Simulator.Bench;

/// <summary>
/// The firmware's cost of a complete sale, a receipt and a display frame, measured on this thread with
/// the firmware's own parts only: the app and cashier screens, the payment engine, store and journal,
/// ISO 8583 and the MAC with the portable software crypto, the ST7789 and ESC/POS drivers. The peripherals
/// underneath are null buses (SPI and GPIO that take bytes, a printer port that answers status queries),
/// and the host's answers are packed before measuring, so no host-side work is counted.
/// </summary>
public static class PaymentBench
{
    private const int Sales = 200;

    /// <summary>Sales keyed, swiped, authorized, journaled and printed; receipts; frames.</summary>
    public static IEnumerable<BenchResult> Run()
    {
        var rig = new Rig(2 * Sales + 20);
        yield return Measure.Run("sale (keys to receipt, firmware)", "sale", Sales, n =>
        {
            for (int i = 0; i < n; i++)
            {
                rig.Sale(1000 + i);
            }
        });

        yield return ChipSales();
        yield return QrOrders();

        TxnEntry receipt = rig.Store.At(0);
        var receipts = new ReceiptPrinter(rig.Printer, new ReceiptHeader("TERMINAL DEMO STORE", "898310048990001", "12345678"));
        var at = new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Local);
        yield return Measure.Run("receipt to ESC/POS (slip, driver)", "receipt", 200, n =>
        {
            for (int i = 0; i < n; i++)
            {
                receipts.PrintTransaction(receipt, ReceiptPrinter.MerchantCopy, false, at);
                rig.DrainPrinter();
            }
        });

        yield return Measure.Run("display frame (screen, ST7789)", "frame", 1000, n =>
        {
            for (int i = 0; i < n; i++)
            {
                rig.Display.Clear();
                rig.Display.Write(0, 0, " SALE                         ", TextStyle.Inverse);
                rig.Display.Write(3, 1, "APPROVED", TextStyle.Large);
                rig.Display.Write(6, 1, "CNY 128.00", TextStyle.Bold);
                rig.Display.Write(7, 1, "Auth 505255  Inv 000001", TextStyle.Normal);
                rig.Display.Write(8, 1, "621234*********4569", TextStyle.Normal);
                rig.Display.Flush();
            }
        });
    }

    /// <summary>
    /// Chip sales keyed, inserted, read by the contact kernel, authorized with the card's ARQC, completed with its
    /// TC, journaled, printed and the card removed; each sale after the first also sends the previous sale's TC
    /// upload (0320/203) and takes its answer, as the engine does before its next job.
    /// </summary>
    public static BenchResult ChipSales(int sales = Sales)
    {
        var rig = new Rig(4 * sales + 20, chip: true);
        BenchResult result = Measure.Run("chip sale (keys to receipt, firmware)", "chip sale", sales, n =>
        {
            for (int i = 0; i < n; i++)
            {
                rig.ChipSale(1000 + i);
            }
        });
        rig.CheckChipSales(2 * sales);
        return result;
    }

    /// <summary>
    /// Merchant-presented QR orders keyed (amount, key 1), the order asked for, its code URL encoded and drawn on the
    /// ST7789, the countdown ticked once a second, the status polled <see cref="QrPolls"/> times (waiting), the last
    /// poll answered paid, the wallet and outcome journaled, the slip printed.
    /// </summary>
    public static BenchResult QrOrders(int orders = 50)
    {
        var rig = new Rig((2 * orders * (QrPolls + 2)) + 20, qr: true); // the warm-up pass runs as many
        BenchResult result = Measure.Run($"QR order (keys to receipt: code drawn, {QrPolls} polls, paid; firmware)", "order", orders, n =>
        {
            for (int i = 0; i < n; i++)
            {
                rig.QrOrder(1000 + i);
            }
        });
        rig.CheckQrOrders(2 * orders);
        return result;
    }

    /// <summary>Status queries answered "waiting" before the one answered "paid", per order of <see cref="QrOrders"/>.</summary>
    public const int QrPolls = 5;

    /// <summary>
    /// Key edge to display update on the simulated board (virtual clock): a digit pressed at the idle screen
    /// of a set-up terminal, from the switch closing on the matrix to the ST7789's first RAMWR after it, and
    /// the worst of <paramref name="presses"/> presses.
    /// </summary>
    public static (double AverageMs, long WorstMs) KeyToDisplay(int presses = 20)
    {
        using var board = new Board.SimulatedBoard(new Board.SimulatedBoardOptions());
        board.Boot();
        board.RunFor(2000);
        var panel = board.Panel!;
        long total = 0;
        long worst = 0;
        for (int i = 0; i < presses; i++)
        {
            int logged = panel.Log.Count;
            long edge = board.Clock.NowMs;
            board.Keys!.Tap(KeyCode.Digit0 + (i % 10), 80);
            board.RunFor(400);
            long drawn = panel.Log.Skip(logged).Where(c => c.Code == 0x2C).Select(c => c.TimeMs).DefaultIfEmpty(long.MaxValue).First();
            long latency = drawn - edge;
            total += latency;
            worst = Math.Max(worst, latency);
            board.RunFor(3500); // let the status line clear
        }

        return ((double)total / presses, worst);
    }

    /// <summary>
    /// Printing time of a standard receipt (the merchant copy of a card sale) through the ESC/POS driver to
    /// the printer model over a UART that takes a byte time per byte at <paramref name="baud"/> (virtual
    /// clock, the driver's flow control and status queries included), against the bound: every byte the
    /// driver sent, at 10 bits each.
    /// </summary>
    public static (int Bytes, double PrintedMs, double BoundMs) ReceiptPrinting(int baud = 9600)
    {
        var sale = new Rig(4);
        sale.Sale(12800);
        TxnEntry entry = sale.Store.At(0);
        var clock = new VirtualClock(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Local));
        var loop = new EventLoop(clock, 64, 16, 8);
        var (port, device) = Terminal.Drivers.Simulated.Serial.SimulatedSerialPort.CreatePair("COM2", baud, clock);
        port.Handshake = Handshake.RequestToSend;
        _ = new Terminal.Drivers.Simulated.Printer.EscPosPrinterModel(device);
        var printer = new EscPosPrinter(port, 58);
        printer.Start(loop.Events);
        loop.AddPolled(printer);
        loop.RunUntil(1000);
        long sentBefore = port.BytesWritten;
        long start = clock.NowMs;
        new ReceiptPrinter(printer, new ReceiptHeader("TERMINAL DEMO STORE", "898310048990001", "12345678"))
            .PrintTransaction(entry, ReceiptPrinter.MerchantCopy, false, clock.WallTime);
        while (printer.Busy && clock.NowMs - start < 600_000)
        {
            loop.RunUntil(clock.NowMs + 1);
        }

        int bytes = (int)(port.BytesWritten - sentBefore);
        return (bytes, clock.NowMs - start, bytes * 10.0 * 1000 / baud);
    }

    // The terminal as the composition root puts it together, on a board of null buses: the ST7789 over an SPI that
    // takes bytes, a printer port that answers status queries, a magstripe that hands over one track, a canned host.
    private sealed class Rig : ITerminalBoard
    {
        private static readonly byte[] Track2 = "6212345678901234569=28121010000000000"u8.ToArray();
        private readonly VirtualClock _clock = new(new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Local));
        private readonly EventLoop _loop;
        private readonly CannedHost _host;
        private readonly MemoryKeyStore _keys = new();
        private readonly SimulatedFlash _flash = new(129, 4096, 256);
        private readonly PreparedContactCard? _contact;
        private readonly QrOrderFlow _qrOrders;

        public Rig(int answers, bool chip = false, bool qr = false)
        {
            byte[] mak = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
            _keys.Store(KeySlot.Mak, mak, 0, mak.Length);
            _keys.Store(KeySlot.Tdk, mak, 0, mak.Length); // signed in with a track key: the sale's track goes encrypted, as for real
            if (chip)
            {
                var terminal = new Terminal.Core.Emv.EmvTerminalData { Amount = 1000, Date = _clock.WallTime };
                _contact = PreparedContactCard.Prepare(terminal);
            }

            _host = new CannedHost(mak, answers, chip, qr);
            var firmware = TerminalFirmware.Compose(this, new FirmwareSettings { MerchantName = "TERMINAL DEMO STORE", DownloadsCatalog = false });
            _loop = firmware.Loop;
            _qrOrders = firmware.Engine.QrOrders;
            _qrOrders.PollMs = 1000;
            Store = firmware.Store;
            Store.Provision("12345678", "898310048990001");
            _host.FirstStan = Store.Identity!.LastStan + 1;
            firmware.Boot();
            Run(100);
        }

        public PaymentStore Store { get; }

        public St7789 Display { get; private set; } = null!;

        public EscPosPrinter Printer { get; private set; } = null!;

        IDisplay ITerminalBoard.Display => Display;

        public IClock Clock => _clock;

        public ICrypto Crypto { get; } = new SoftwareCrypto();

        public IBlockStorage JournalFlash => _flash;

        public int JournalSectors => 128;

        public IKeyStore KeyStore => _keys;

        public IWireTraceSink? WireTrace => null;

        public ISerialPort? DebugPort => null;

        public UpdateSlots? FirmwareSlots => null;

        public IKeyStore? UpdateSigningKey => null;

        /// <inheritdoc />
        public Terminal.Firmware.IProvisioningDrop? ProvisioningDrop => null;

        public IHostTransport OpenHostLink() => _host;

        public TerminalDevices StartDevices(EventLoop loop)
        {
            Display = new St7789(new NullSpi(), new NullGpio(), 2);
            loop.AddPolled(Display);
            Printer = new EscPosPrinter(new StatusAnsweringPort(), 58);
            Printer.Start(loop.Events);
            loop.AddPolled(Printer);
            if (_contact != null)
            {
                _contact.Start(loop.Events);
            }

            return new TerminalDevices { Magstripe = new ScriptedMagstripe { Track2 = Track2 }, Contact = _contact, Printer = Printer, Random = new SeededRandom(1) };
        }

        // The cashier: amount keys, ENTER, a swipe, the host's answer, no customer copy; the receipt prints.
        public void Sale(long fen)
        {
            Amount(fen);
            _loop.Events.Post(EventKind.CardSwiped, 0, 1, EventPriority.Normal);
            Run(50);
            Key(KeyCode.Cancel);
            DrainPrinter();
            Run(500);
        }

        // The cashier: amount keys, ENTER, the chip card inserted, the host's answer, no customer copy; the receipt
        // prints, and the card is taken out when the terminal asks for it.
        public void ChipSale(long fen)
        {
            Amount(fen);
            _contact!.Insert();
            Run(300);
            Key(KeyCode.Cancel);
            _contact.Withdraw();
            DrainPrinter();
            Run(500);
        }

        // The cashier: amount keys, ENTER, key 1 (WeChat Pay's code); the code on the screen while the status is polled
        // until paid; no customer copy; the receipt prints.
        public void QrOrder(long fen)
        {
            Amount(fen);
            Key(KeyCode.Digit0 + 1);
            Run(((QrPolls + 1) * _qrOrders.PollMs) + 200);
            Key(KeyCode.Cancel);
            DrainPrinter();
            Run(500);
        }

        // Every order paid and booked with its wallet's order number, one order, polls and no other message per order.
        public void CheckQrOrders(int orders)
        {
            int paid = 0;
            for (int i = 0; i < Store.Count; i++)
            {
                TxnEntry e = Store.At(i);
                paid += e.State == TxnState.Approved && e.Mode == EntryMode.QrOrder && e.WalletOrder.Length == 28 ? 1 : 0;
            }

            if (paid != orders || _host.Sent != orders * (QrPolls + 2))
            {
                throw new InvalidOperationException($"QR orders: {paid} paid of {orders}, {_host.Sent} messages sent (expected {orders * (QrPolls + 2)})");
            }
        }

        // Every chip sale approved with its TC, the TC of each but the last uploaded, every card command as prepared.
        public void CheckChipSales(int sales)
        {
            int approved = 0;
            for (int i = 0; i < Store.Count; i++)
            {
                TxnEntry e = Store.At(i);
                if (e.State == TxnState.Approved && e.Chip != null && CryptogramKind.Of(e.Chip.FinalCid) == CryptogramKind.Tc)
                {
                    approved++;
                }
            }

            if (approved != sales || _contact!.Mismatches != 0 || _host.Sent != 2 * sales - 1)
            {
                throw new InvalidOperationException(
                    $"chip sales: {approved} approved with a TC of {sales}, {_contact!.Mismatches} card commands out of order, {_host.Sent} messages sent (expected {2 * sales - 1})");
            }
        }

        private void Amount(long fen)
        {
            long v = fen;
            int digits = 0;
            Span<int> keys = stackalloc int[12];
            while (v > 0)
            {
                keys[digits++] = KeyCode.Digit0 + (int)(v % 10);
                v /= 10;
            }

            for (int i = digits - 1; i >= 0; i--)
            {
                Key(keys[i]);
            }

            Key(KeyCode.Enter);
        }

        public void DrainPrinter()
        {
            for (int i = 0; i < 10_000 && Printer.Busy; i++)
            {
                Run(5);
            }
        }

        private void Key(int code)
        {
            _loop.Events.Post(EventKind.KeyDown, code, 0, EventPriority.Normal);
            _loop.Events.Post(EventKind.KeyUp, code, 0, EventPriority.Normal);
            Run(20);
        }

        private void Run(int ms)
        {
            long until = _clock.NowMs + ms;
            while (_clock.NowMs < until)
            {
                _loop.RunOnce();
                _clock.Advance(1);
            }

            _loop.RunOnce();
        }
    }

    /// <summary>
    /// A host link whose answers (0210, approved, MACed) were packed beforehand, one per STAN in order; for chip
    /// sales the 0210 carries F55 91 (issuer authentication data) and every other answer is the 0330 to the TC upload
    /// of the sale before.
    /// </summary>
    private sealed class CannedHost : IHostTransport
    {
        public static readonly byte[] Preamble = FactoryDefaults.CupPreamble();
        private byte[][] _answers;
        private int _next;
        private int _ready = -1;
        private int _read = -1;

        private static readonly byte[] IssuerAuthentication = Convert.FromHexString("910A11223344556677883030");
        private readonly byte[] _mak;
        private readonly int _count;
        private readonly bool _chip;

        private readonly bool _qr;

        public CannedHost(byte[] mak, int count, bool chip, bool qr = false)
        {
            _mak = mak;
            _count = count;
            _chip = chip;
            _qr = qr;
            _answers = new byte[count][];
        }

        public int Sent => _next;

        // The answers are packed once the terminal's first STAN is known (set-up happens after composition), before any is sent.
        public int FirstStan
        {
            set => Pack(_mak, value, _count);
        }

        private void Pack(byte[] mak, int firstStan, int count)
        {
            var mac = new CupMac(new SoftwareCrypto());
            Iso8583Profile profile = CupProfile.Create();
            var codec = new Iso8583Codec(profile);
            var m = new Iso8583Message(profile);
            var buffer = new byte[1024];
            for (int i = 0; i < count; i++)
            {
                m.Clear();
                m.SetPreamble(Preamble, 0);
                // Chip sales: the first sale's 0210, then each sale's 0330 to the previous TC upload and its own 0210.
                bool tcUpload = _chip && i % 2 == 1;
                m.Mti = tcUpload ? 330 : 210;
                m.Set(Field.ProcessingCode, "000000");
                m.SetNumber(Field.Stan, firstStan + i);
                m.Set(Field.LocalTime, "101500");
                m.Set(Field.LocalDate, "1125");
                m.Set(Field.Rrn, (i + 1).ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
                if (!tcUpload)
                {
                    m.Set(Field.AuthCode, "123456");
                }

                m.Set(Field.ResponseCode, "00");
                m.Set(Field.TerminalId, "12345678");
                m.Set(Field.MerchantId, "898310048990001");
                if (_chip && !tcUpload)
                {
                    m.Set(Field.IccData, IssuerAuthentication, 0, IssuerAuthentication.Length);
                }

                if (_qr)
                {
                    QrAnswer(m, firstStan, i);
                }

                m.Set(Field.Mac, new byte[8], 0, 8);
                int n = codec.Pack(m, buffer, 0);
                mac.Sign(mak, 0, mak.Length, buffer, m.MtiOffset, n);
                _answers[i] = buffer[..n];
            }
        }

        // QR orders: per order (one STAN each) the order's answer (number, code URL, waiting), QrPolls status answers
        // "waiting", then "paid" with the wallet and its order number; RRN and auth code only with "paid".
        private static void QrAnswer(Iso8583Message m, int firstStan, int i)
        {
            int order = i / (QrPolls + 2);
            int step = i % (QrPolls + 2);
            string number = "20261125" + "12345678" + (order + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            m.SetNumber(Field.Stan, firstStan + order);
            m.Set(Field.Rrn, (order + 1).ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
            string f59 = AcquirerHost.Processing.QrOrders.Tag(QrOrderFlow.TagOrderNumber, number)
                + (step == 0 ? AcquirerHost.Processing.QrOrders.Tag(QrOrderFlow.TagCodeUrl, AcquirerHost.Processing.QrOrders.UrlBase + "wx/" + number) : string.Empty);
            if (step <= QrPolls)
            {
                m.Remove(Field.Rrn);
                m.Remove(Field.AuthCode);
                f59 += AcquirerHost.Processing.QrOrders.Tag(QrOrderFlow.TagStatus, "W");
            }
            else
            {
                f59 += AcquirerHost.Processing.QrOrders.Tag(QrOrderFlow.TagStatus, "P") + AcquirerHost.Processing.QrOrders.Tag(QrOrderFlow.TagWallet, "1")
                    + AcquirerHost.Processing.QrOrders.Tag(QrOrderFlow.TagWalletOrder, "4200" + "20261125" + (order + 1).ToString("D16", System.Globalization.CultureInfo.InvariantCulture));
            }

            m.Set(Field.UsageData, f59);
        }

        public int FrameLength => _ready >= 0 ? _answers[_ready].Length : 0;

        public byte[] Frame
        {
            get
            {
                _read = _ready;
                return _answers[_ready >= 0 ? _ready : 0];
            }
        }

        public bool Failed => false;

        public string Problem => string.Empty;

        public LinkFailure Failure => LinkFailure.None;

        public bool Send(byte[] message, int offset, int count, long nowMs)
        {
            _ready = _next++;
            return true;
        }

        // Release frees the answer that was read, not one a request sent from the handler of that answer (the sale
        // after its TC upload) has made ready since.
        public void Release()
        {
            if (_ready == _read)
            {
                _ready = -1;
            }
        }

        public void Reset() => _ready = -1;

        public long Poll(long nowMs) => Deadline.Never;
    }
}
