using Terminal.Hal;

namespace Terminal.Drivers.Simulated.Serial;

/// <summary>
/// One end of a simulated UART cable. Without a clock, bytes written at one end are delivered to the other
/// at once; with a clock, each byte takes 10 bit times at the baud rate (8N1) and arrives when the clock
/// has reached its time (delivery happens whenever either end is used, or on <see cref="Pump"/>). The
/// receiving end's data-received handler runs on delivery. Flow control works as on a UART with
/// handshake: with XON/XOFF the receiving end takes 0x11/0x13 out of the data and updates
/// <see cref="CanSend"/>; with RTS/CTS the far end's <see cref="SetRequestToSend"/> drives this end's CTS.
/// </summary>
public sealed class SimulatedSerialPort : ISerialPort
{
    private readonly Queue<byte> _received = new();
    private readonly object _sync = new();
    private readonly Queue<(byte Value, long ArrivalUs)> _inFlight = new();
    private IClock? _clock;
    private long _lineFreeUs;
    private bool _pumping;
    private SimulatedSerialPort? _peer;
    private SerialDataReceivedHandler? _handler;
    private bool _xoff;
    private bool _clearToSend = true;

    private SimulatedSerialPort(string portName, int baudRate)
    {
        PortName = portName;
        BaudRate = baudRate;
    }

    /// <summary>Creates a connected pair: the board's end and the device's end; with <paramref name="clock"/>, bytes take their line time.</summary>
    public static (SimulatedSerialPort Board, SimulatedSerialPort Device) CreatePair(string portName, int baudRate, IClock? clock = null)
    {
        var board = new SimulatedSerialPort(portName, baudRate) { _clock = clock };
        var device = new SimulatedSerialPort(portName + "-device", baudRate) { _clock = clock };
        board._peer = device;
        device._peer = board;
        return (board, device);
    }

    /// <summary>Microseconds one byte takes on the line: start bit, 8 data bits, stop bit.</summary>
    public long ByteTimeUs => 10_000_000L / BaudRate;

    /// <summary>Observer of every byte this end sends (the simulator's run trace records the link with it).</summary>
    public SentHandler? Sent { get; set; }

    /// <summary>Called with the bytes an end sent.</summary>
    public delegate void SentHandler(SimulatedSerialPort from, ReadOnlySpan<byte> bytes);

    /// <summary>Delivers every byte whose arrival time has come, in both directions.</summary>
    public void Pump()
    {
        if (_clock == null || _pumping)
        {
            return;
        }

        _pumping = true;
        try
        {
            bool moved = true;
            while (moved)
            {
                moved = DeliverDue() | (_peer?.DeliverDue() ?? false);
            }
        }
        finally
        {
            _pumping = false;
        }
    }

    /// <inheritdoc />
    public string PortName { get; }

    /// <inheritdoc />
    public int BaudRate { get; }

    /// <inheritdoc />
    public Handshake Handshake { get; set; }

    /// <inheritdoc />
    public bool IsOpen { get; private set; }

    /// <inheritdoc />
    public int BytesToRead
    {
        get
        {
            Pump();
            lock (_sync)
            {
                return _received.Count;
            }
        }
    }

    /// <inheritdoc />
    public int ReadTimeout { get; set; }

    /// <inheritdoc />
    public int WriteTimeout { get; set; }

    /// <inheritdoc />
    public byte WatchChar { get; set; }

    /// <inheritdoc />
    public bool CanSend
    {
        get
        {
            Pump();
            return Handshake switch
            {
                Handshake.XOnXOff => !_xoff,
                Handshake.RequestToSend => _clearToSend,
                _ => true,
            };
        }
    }

    /// <summary>Fault: the cable is unplugged; bytes go nowhere in either direction.</summary>
    public bool Unplugged { get; set; }

    /// <summary>Bytes this end has written, for tests that check the wire.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Drives this end's RTS, which is the far end's CTS.</summary>
    public void SetRequestToSend(bool ready)
    {
        if (_peer != null)
        {
            _peer._clearToSend = ready;
        }
    }

    /// <inheritdoc />
    public void Open() => IsOpen = true;

    /// <inheritdoc />
    public void Close() => IsOpen = false;

    /// <inheritdoc />
    public int Read(byte[] buffer, int offset, int count)
    {
        Pump();
        lock (_sync)
        {
            int n = 0;
            while (n < count && _received.Count > 0)
            {
                buffer[offset + n++] = _received.Dequeue();
            }

            return n;
        }
    }

    /// <inheritdoc />
    public void Write(byte[] buffer, int offset, int count)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException(PortName + " is not open");
        }

        BytesWritten += count;
        Sent?.Invoke(this, buffer.AsSpan(offset, count));
        if (Unplugged || _peer == null || _peer.Unplugged)
        {
            return;
        }

        if (_clock == null)
        {
            _peer.Deliver(buffer, offset, count);
            return;
        }

        // The UART sends one byte after another: each arrives a byte time after the previous one left.
        long t = Math.Max(_clock.NowMs * 1000, _lineFreeUs);
        lock (_peer._sync)
        {
            for (int i = 0; i < count; i++)
            {
                t += ByteTimeUs;
                _peer._inFlight.Enqueue((buffer[offset + i], t));
            }
        }

        _lineFreeUs = t;
        Pump();
    }

    /// <inheritdoc />
    public void SetDataReceivedHandler(SerialDataReceivedHandler? handler) => _handler = handler;

    /// <inheritdoc />
    public void Dispose() => Close();

    private bool DeliverDue()
    {
        long nowUs = _clock!.NowMs * 1000;
        byte[] due;
        lock (_sync)
        {
            int n = 0;
            foreach (var (_, arrival) in _inFlight)
            {
                if (arrival > nowUs)
                {
                    break;
                }

                n++;
            }

            if (n == 0)
            {
                return false;
            }

            due = new byte[n];
            for (int i = 0; i < n; i++)
            {
                due[i] = _inFlight.Dequeue().Value;
            }
        }

        Deliver(due, 0, due.Length);
        return true;
    }

    private void Deliver(byte[] buffer, int offset, int count)
    {
        bool watched = false;
        bool any = false;
        lock (_sync)
        {
            for (int i = 0; i < count; i++)
            {
                byte b = buffer[offset + i];
                if (Handshake == Handshake.XOnXOff && (b == 0x11 || b == 0x13))
                {
                    _xoff = b == 0x13;
                    continue;
                }

                _received.Enqueue(b);
                any = true;
                watched |= WatchChar != 0 && b == WatchChar;
            }
        }

        if (any)
        {
            _handler?.Invoke(this, watched ? SerialData.WatchChar : SerialData.Chars);
        }
    }
}
